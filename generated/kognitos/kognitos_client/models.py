"""Models of the Kognitos API.

Every model keeps fields it does not know (``model_extra``) and every enum accepts values it
does not list, so a response that grew a field or a status still parses. Attributes are
snake_case; the wire names are their aliases.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, TypeAlias, Union

from pydantic import Field, Tag

from ._models import UNKNOWN, ApiModel, OpenEnum, StrInt, UnknownVariant, by_present_key

__all__ = [
    "AutomationPhaseType",
    "AutomationStage",
    "AwaitingGuidanceRunState",
    "BookConnection",
    "BookFunctionCall",
    "BookFunctionCallBookFunction",
    "CompletedRunState",
    "ContinueRunBody",
    "Date",
    "DateTime",
    "DictionaryValue",
    "DictionaryValueEntriesItem",
    "ExecutableStep",
    "ExecutableSteps",
    "ExecutingRunState",
    "ExecutionError",
    "ExecutionErrorContext",
    "ExecutionJournal",
    "ExecutionJournalCompleted",
    "ExecutionJournalFailed",
    "ExecutionJournalNodeExecuted",
    "ExecutionJournalNodePatched",
    "ExecutionJournalNodeSkipped",
    "ExecutionJournalNodeStarted",
    "ExecutionJournalPatchedNodeExecuted",
    "ExecutionJournalPatchedNodeStarted",
    "ExecutionJournalStarted",
    "ExecutionJournalStopped",
    "ExecutionJournalStoppedProgramStopped",
    "ExecutionJournalStoppedUserStopped",
    "ExecutionJournalStoppedWaitingOnBook",
    "ExecutionJournalStoppedWaitingOnTimer",
    "ExecutionOutput",
    "FailedRunState",
    "FileValue",
    "FileValueInline",
    "GetExecutionOutputsResponse",
    "HashableValue",
    "HashableValueBoolValue",
    "HashableValueDate",
    "HashableValueDatetime",
    "HashableValueDuration",
    "HashableValueNumber",
    "HashableValueText",
    "HashableValueTimeofday",
    "InvocationDetails",
    "InvocationSource",
    "ListRunEventsResponse",
    "ListRunsResponse",
    "ListValue",
    "Location",
    "Number",
    "PauseRunBody",
    "PendingRunState",
    "ProtobufAny",
    "QueryAutomationRunAggregatesResponse",
    "QueryAutomationRunAggregatesResponseAutomationRunAggregatesItem",
    "QueryAutomationRunAggregatesResponseAutomationRunAggregatesItemStats",
    "QueryDailyRunAggregatesResponse",
    "QueryDailyRunAggregatesResponseDailyRunAggregatesItem",
    "QueryDailyRunAggregatesResponseDailyRunAggregatesItemStats",
    "Run",
    "RunEvent",
    "RunEventExecutionJournal",
    "RunEventRunUpdate",
    "RunState",
    "RunStateAwaitingGuidance",
    "RunStateCompleted",
    "RunStateExecuting",
    "RunStateFailed",
    "RunStatePending",
    "RunStateStopped",
    "RunStateStopping",
    "RunUpdate",
    "SetValue",
    "Status",
    "StoppedRunState",
    "StoppingRunState",
    "TableValue",
    "TableValueInline",
    "TableValueInlineColumnsItem",
    "TimeOfDay",
    "TimeZone",
    "Value",
    "ValueBoolValue",
    "ValueDate",
    "ValueDatetime",
    "ValueDictionary",
    "ValueDuration",
    "ValueFile",
    "ValueList",
    "ValueNullValue",
    "ValueNumber",
    "ValueSet",
    "ValueTable",
    "ValueText",
    "ValueTimeofday",
    "ValueTimeZone",
    "ValueType",
    "ValueTypeAnyType",
    "ValueTypeDictionaryType",
    "ValueTypeEnumType",
    "ValueTypeEnumTypeMembersItem",
    "ValueTypeField",
    "ValueTypeGenericDictionaryType",
    "ValueTypeListType",
    "ValueTypeOpaqueType",
    "ValueTypeOptionalType",
    "ValueTypeScalarType",
    "ValueTypeSensitiveType",
    "ValueTypeTableType",
    "ValueTypeUnionType",
]


class AutomationPhaseType(OpenEnum):
    """The phase of an automation a step belongs to.

    Open: a value not listed here is accepted as a member of its own.
    """

    AUTOMATION_PHASE_TYPE_UNSPECIFIED = "AUTOMATION_PHASE_TYPE_UNSPECIFIED"
    AUTOMATION_PHASE_TYPE_PRE = "AUTOMATION_PHASE_TYPE_PRE"
    AUTOMATION_PHASE_TYPE_MAIN = "AUTOMATION_PHASE_TYPE_MAIN"
    AUTOMATION_PHASE_TYPE_POST = "AUTOMATION_PHASE_TYPE_POST"


class AutomationStage(OpenEnum):
    """The publication stage of an automation (DRAFT can be modified; PUBLISHED is immutable).

    Open: a value not listed here is accepted as a member of its own.
    """

    AUTOMATION_STAGE_UNSPECIFIED = "AUTOMATION_STAGE_UNSPECIFIED"
    AUTOMATION_STAGE_DRAFT = "AUTOMATION_STAGE_DRAFT"
    AUTOMATION_STAGE_PUBLISHED = "AUTOMATION_STAGE_PUBLISHED"


class Location(ApiModel):
    """A span of bytes (zero-based; end exclusive) within some content, e.g. the automation's
    code."""

    start_byte: StrInt | None = None
    """Starting byte of the span (zero-based)."""

    end_byte: StrInt | None = None
    """Ending byte of the span (exclusive, zero-based)."""


class AwaitingGuidanceRunState(ApiModel):
    """The run is waiting for external guidance or user input."""

    exception: str | None = None
    """ID of the exception (from the guidance center)."""

    description: str | None = None
    """Description of the exception that occurred."""

    location: Location | None = None
    """A span of bytes (zero-based; end exclusive) within some content, e.g. the automation's
    code."""


class BookConnection(ApiModel):
    """A connection to a book instance."""

    connection_id: str | None = None
    """Unique identifier for this connection resource."""

    endpoint: str | None = None
    """Endpoint for the connection."""


class BookFunctionCallBookFunction(ApiModel):
    """The book function that was called."""

    connection_spy_identifier: str | None = None
    """The connection name for the book instance in the SPy code."""

    book_name: str | None = None
    """The name of the book containing the function."""

    function_name: str | None = None
    """The name of the function within the book."""

    code_location: Location | None = None
    """A span of bytes (zero-based; end exclusive) within some content, e.g. the automation's
    code."""


class ValueBoolValue(ApiModel):
    """ValueBoolValue"""

    bool_value: bool
    """A boolean."""


class Date(ApiModel):
    """A whole or partial calendar date: a full date; a month and day with a zero year; a year
    alone with zero month and day; or a year and month with a zero day."""

    year: int | None = None
    """Year of the date. Must be from 1 to 9999, or 0 to specify a date without a year."""

    month: int | None = None
    """Month of a year. Must be from 1 to 12, or 0 to specify a year without a month and day."""

    day: int | None = None
    """Day of a month. Must be from 1 to 31 and valid for the year and month, or 0 to specify a
    year by itself or a year and month where the day isn't significant."""


class ValueDate(ApiModel):
    """ValueDate"""

    date: Date
    """A whole or partial calendar date: a full date; a month and day with a zero year; a year
    alone with zero month and day; or a year and month with a zero day."""


class TimeZone(ApiModel):
    """A time zone from the IANA Time Zone Database."""

    id: str | None = None
    """IANA Time Zone Database time zone, e.g. "America/New_York"."""

    version: str | None = None
    """Optional IANA Time Zone Database version number, e.g. "2019a"."""


class DateTime(ApiModel):
    """Civil time (google.type.DateTime): with utc_offset, a time at a fixed offset from UTC;
    with time_zone, a time in that zone; with neither, local time. A year of 0 means no specific
    year."""

    year: int | None = None
    """Year (1-9999, or 0 for a datetime without a year)."""

    month: int | None = None
    """Month of year (1-12)."""

    day: int | None = None
    """Day of month (1-31, valid for the year and month)."""

    hours: int | None = None
    """Hours of day in 24 hour format (0-23)."""

    minutes: int | None = None
    """Minutes of hour of day (0-59)."""

    seconds: int | None = None
    """Seconds of minutes of the time (normally 0-59)."""

    nanos: int | None = None
    """Fractions of seconds in nanoseconds (0-999999999)."""

    utc_offset: str | None = None
    """UTC offset as a protobuf Duration, whole seconds between -18h and +18h (e.g. "-14400s")."""

    time_zone: TimeZone | None = None
    """A time zone from the IANA Time Zone Database."""


class ValueDatetime(ApiModel):
    """ValueDatetime"""

    datetime: DateTime
    """Civil time (google.type.DateTime): with utc_offset, a time at a fixed offset from UTC;
    with time_zone, a time in that zone; with neither, local time. A year of 0 means no specific
    year."""


class HashableValueBoolValue(ApiModel):
    """HashableValueBoolValue"""

    bool_value: bool
    """A boolean."""


class HashableValueDate(ApiModel):
    """HashableValueDate"""

    date: Date
    """A whole or partial calendar date: a full date; a month and day with a zero year; a year
    alone with zero month and day; or a year and month with a zero day."""


class HashableValueDatetime(ApiModel):
    """HashableValueDatetime"""

    datetime: DateTime
    """Civil time (google.type.DateTime): with utc_offset, a time at a fixed offset from UTC;
    with time_zone, a time in that zone; with neither, local time. A year of 0 means no specific
    year."""


class HashableValueDuration(ApiModel):
    """HashableValueDuration"""

    duration: str
    """A signed span of time (protobuf Duration)."""


class Number(ApiModel):
    """A fixed-precision decimal with up to 28 fractional digits: value = m / 10^e, where m is
    the unsigned 96-bit integer (hi, mid, lo), e (0-28) is flags bits 16-23 and flags bit 31 is
    the sign. E.g. 123.45 is m=12345, e=2."""

    lo: int | None = None
    """Low 32 bits of the 96-bit mantissa."""

    mid: int | None = None
    """Middle 32 bits of the 96-bit mantissa."""

    hi: int | None = None
    """High 32 bits of the 96-bit mantissa."""

    flags: int | None = None
    """Flags word: bits 16-23 scale (0-28), bit 31 sign (1 = negative); other bits zero."""


class HashableValueNumber(ApiModel):
    """HashableValueNumber"""

    number: Number
    """A fixed-precision decimal with up to 28 fractional digits: value = m / 10^e, where m is
    the unsigned 96-bit integer (hi, mid, lo), e (0-28) is flags bits 16-23 and flags bit 31 is
    the sign. E.g. 123.45 is m=12345, e=2."""


class HashableValueText(ApiModel):
    """HashableValueText"""

    text: str
    """A UTF-8 text string."""


class TimeOfDay(ApiModel):
    """A time of day (google.type.TimeOfDay); the date and time zone are not significant or given
    elsewhere."""

    hours: int | None = None
    """Hours of day in 24 hour format (0-23; an API may allow 24 for closing time)."""

    minutes: int | None = None
    """Minutes of hour of day (0-59)."""

    seconds: int | None = None
    """Seconds of minutes of the time (normally 0-59; 60 for leap seconds)."""

    nanos: int | None = None
    """Fractions of seconds in nanoseconds (0-999999999)."""


class HashableValueTimeofday(ApiModel):
    """HashableValueTimeofday"""

    timeofday: TimeOfDay
    """A time of day (google.type.TimeOfDay); the date and time zone are not significant or given
    elsewhere."""


HashableValue: TypeAlias = Annotated[
    Union[
        Annotated[HashableValueBoolValue, Tag("bool_value")],
        Annotated[HashableValueNumber, Tag("number")],
        Annotated[HashableValueText, Tag("text")],
        Annotated[HashableValueDate, Tag("date")],
        Annotated[HashableValueTimeofday, Tag("timeofday")],
        Annotated[HashableValueDatetime, Tag("datetime")],
        Annotated[HashableValueDuration, Tag("duration")],
        Annotated[UnknownVariant, Tag(UNKNOWN)],
    ],
    by_present_key(
        ("bool_value", "number", "text", "date", "timeofday", "datetime", "duration"),
        "HashableValue",
    ),
]
"""A value that can be a dictionary key or set element. Exactly one key is present: bool_value,
number, text, date, timeofday, datetime or duration."""


class DictionaryValueEntriesItem(ApiModel):
    """A single key-value pair."""

    key: HashableValue | None = None
    """A value that can be a dictionary key or set element. Exactly one key is present:
    bool_value, number, text, date, timeofday, datetime or duration."""

    value: Value | None = None
    """A runtime value produced by the interpreter. Exactly one key is present: null_value,
    bool_value, number, text, date, timeofday, datetime, time_zone, duration, list, dictionary,
    file, table or set."""


class DictionaryValue(ApiModel):
    """A key-value mapping with hashable keys; insertion order is kept."""

    entries: list[DictionaryValueEntriesItem] | None = None
    """The key-value pairs stored in this dictionary."""


class ValueDictionary(ApiModel):
    """ValueDictionary"""

    dictionary: DictionaryValue
    """A key-value mapping with hashable keys; insertion order is kept."""


class ValueDuration(ApiModel):
    """ValueDuration"""

    duration: str
    """A signed span of time (protobuf Duration, e.g. "3.5s")."""


class FileValueInline(ApiModel):
    """An inline file."""

    file_name: str | None = None
    """The name of the file."""

    content: str | None = None
    """Content of the file (base64-encoded bytes)."""


class FileValue(ApiModel):
    """A file, either remote (a reference) or inline."""

    remote: str | None = None
    """Reference to a remote file."""

    inline: FileValueInline | None = None
    """An inline file."""


class ValueFile(ApiModel):
    """ValueFile"""

    file: FileValue
    """A file, either remote (a reference) or inline."""


class ListValue(ApiModel):
    """An ordered collection of values."""

    items: list[Value] | None = None
    """The ordered sequence of values in this list."""


class ValueList(ApiModel):
    """ValueList"""

    list_: ListValue = Field(validation_alias="list", serialization_alias="list")
    """An ordered collection of values."""


class ValueNullValue(ApiModel):
    """ValueNullValue"""

    null_value: str | None
    """The absence of a value (None/null)."""


class ValueNumber(ApiModel):
    """ValueNumber"""

    number: Number
    """A fixed-precision decimal with up to 28 fractional digits: value = m / 10^e, where m is
    the unsigned 96-bit integer (hi, mid, lo), e (0-28) is flags bits 16-23 and flags bit 31 is
    the sign. E.g. 123.45 is m=12345, e=2."""


class SetValue(ApiModel):
    """An unordered collection of unique hashable values."""

    items: list[HashableValue] | None = None
    """The unique elements of the set."""


class ValueSet(ApiModel):
    """ValueSet"""

    set: SetValue
    """An unordered collection of unique hashable values."""


class TableValueInlineColumnsItem(ApiModel):
    """TableValueInlineColumnsItem"""

    name: str | None = None
    """Column name."""

    values: list[Any] | None = None
    """Column values (book SDK values, kept as raw JSON)."""


class TableValueInline(ApiModel):
    """An inline table; all columns have the same length."""

    columns: list[TableValueInlineColumnsItem] | None = None
    """The columns."""


class TableValue(ApiModel):
    """A table, either remote (a Feather-formatted file) or inline (column-oriented)."""

    remote: str | None = None
    """Reference to a remote Feather-formatted file."""

    inline: TableValueInline | None = None
    """An inline table; all columns have the same length."""


class ValueTable(ApiModel):
    """ValueTable"""

    table: TableValue
    """A table, either remote (a Feather-formatted file) or inline (column-oriented)."""


class ValueText(ApiModel):
    """ValueText"""

    text: str
    """A UTF-8 text string."""


class ValueTimeZone(ApiModel):
    """ValueTimeZone"""

    time_zone: TimeZone
    """A time zone from the IANA Time Zone Database."""


class ValueTimeofday(ApiModel):
    """ValueTimeofday"""

    timeofday: TimeOfDay
    """A time of day (google.type.TimeOfDay); the date and time zone are not significant or given
    elsewhere."""


Value: TypeAlias = Annotated[
    Union[
        Annotated[ValueNullValue, Tag("null_value")],
        Annotated[ValueBoolValue, Tag("bool_value")],
        Annotated[ValueNumber, Tag("number")],
        Annotated[ValueText, Tag("text")],
        Annotated[ValueDate, Tag("date")],
        Annotated[ValueTimeofday, Tag("timeofday")],
        Annotated[ValueDatetime, Tag("datetime")],
        Annotated[ValueTimeZone, Tag("time_zone")],
        Annotated[ValueDuration, Tag("duration")],
        Annotated[ValueList, Tag("list")],
        Annotated[ValueDictionary, Tag("dictionary")],
        Annotated[ValueFile, Tag("file")],
        Annotated[ValueTable, Tag("table")],
        Annotated[ValueSet, Tag("set")],
        Annotated[UnknownVariant, Tag(UNKNOWN)],
    ],
    by_present_key(
        (
            "null_value",
            "bool_value",
            "number",
            "text",
            "date",
            "timeofday",
            "datetime",
            "time_zone",
            "duration",
            "list",
            "dictionary",
            "file",
            "table",
            "set",
        ),
        "Value",
    ),
]
"""A runtime value produced by the interpreter. Exactly one key is present: null_value,
bool_value, number, text, date, timeofday, datetime, time_zone, duration, list, dictionary, file,
table or set."""


class BookFunctionCall(ApiModel):
    """A call to an external book function with its inputs and output."""

    book_function: BookFunctionCallBookFunction | None = None
    """The book function that was called."""

    inputs: dict[str, Value] | None = None
    """The input variables and their values passed to the book function."""

    output: Value | None = None
    """A runtime value produced by the interpreter. Exactly one key is present: null_value,
    bool_value, number, text, date, timeofday, datetime, time_zone, duration, list, dictionary,
    file, table or set."""


class CompletedRunState(ApiModel):
    """The run has completed successfully."""

    outputs: dict[str, Value] | None = None
    """The outputs of the run."""


class ContinueRunBody(ApiModel):
    """Request message for ContinueRun method. Specifies which run to resume by its unique
    identifier. Has no fields: the client sends {}."""


class ExecutableStep(ApiModel):
    """A piece of code that can be executed, with its book connections and phase."""

    code: str
    """The source code to be executed, written in SPy (Simplified Python)."""

    book_connections: dict[str, BookConnection] | None = None
    """Book connections required by this executable, keyed by connection name."""

    phase_type: AutomationPhaseType
    """The phase of an automation a step belongs to."""


class ExecutableSteps(ApiModel):
    """The sequence of executable steps of a run. The output of each step becomes the input of
    the next; the output of the last step is the output of the run."""

    inputs: dict[str, Value] | None = None
    """Input parameters for the execution, as name-value pairs."""

    executables: list[ExecutableStep]
    """The steps to execute."""


class ExecutingRunState(ApiModel):
    """The run is currently being executed (serialized as {})."""


class ExecutionErrorContext(ApiModel):
    """Where the error happened."""

    code_location: Location | None = None
    """A span of bytes (zero-based; end exclusive) within some content, e.g. the automation's
    code."""

    node_id: str | None = None
    """The id of the node."""


class ExecutionError(ApiModel):
    """An error that occurred during execution."""

    id: str | None = None
    """Unique identifier for the error."""

    description: str | None = None
    """Human-readable description of what went wrong."""

    context: ExecutionErrorContext | None = None
    """Where the error happened."""

    extra: dict[str, str] | None = None
    """Extra information about the error."""

    code: str | None = None
    """The code where the error was raised (including patches; locations are then relative to the
    patched code)."""


class ExecutionJournalCompleted(ApiModel):
    """The execution completed successfully."""

    outputs: dict[str, Value] | None = None
    """Named output values set by set_output() during execution."""


class ExecutionJournalFailed(ApiModel):
    """The execution encountered an error and could not complete."""

    error: ExecutionError | None = None
    """An error that occurred during execution."""


class ExecutionJournalNodeExecuted(ApiModel):
    """An AST node finished executing, with its inputs, outputs and errors."""

    code_location: Location | None = None
    """A span of bytes (zero-based; end exclusive) within some content, e.g. the automation's
    code."""

    inputs: dict[str, Value] | None = None
    """Variables read while executing the node or its children."""

    outputs: dict[str, Value] | None = None
    """Variables written while executing the node or its children (last write wins)."""

    error: list[ExecutionError] | None = None
    """All errors raised while executing the node or its children."""

    node_id: str | None = None
    """The id of the node that was executed."""

    book_function_call: BookFunctionCall | None = None
    """A call to an external book function with its inputs and output."""

    node_kind: str | None = None
    """The kind of the node (free text, e.g. FunctionCall, Assignment)."""


class ExecutionJournalNodePatched(ApiModel):
    """A patch was applied to an AST node."""

    code_location: Location | None = None
    """A span of bytes (zero-based; end exclusive) within some content, e.g. the automation's
    code."""

    code_patch: str | None = None
    """The patch SPy code that was applied."""

    inputs_patch: dict[str, Value] | None = None
    """The execution inputs that were patched."""

    connections: dict[str, BookConnection] | None = None
    """The book connections that were patched, keyed by their name in the SPy code."""

    node_id: str | None = None
    """The id of the node."""

    node_kind: str | None = None
    """The kind of the node that was patched."""


class ExecutionJournalNodeSkipped(ApiModel):
    """An AST node was skipped."""

    code_location: Location | None = None
    """A span of bytes (zero-based; end exclusive) within some content, e.g. the automation's
    code."""

    node_id: str | None = None
    """The id of the node that was skipped."""

    node_kind: str | None = None
    """The kind of the node that was skipped."""


class ExecutionJournalNodeStarted(ApiModel):
    """An AST node started executing."""

    code_location: Location | None = None
    """A span of bytes (zero-based; end exclusive) within some content, e.g. the automation's
    code."""

    node_id: str | None = None
    """The id of the node that was started."""

    node_kind: str | None = None
    """The kind of the node (free text, e.g. FunctionCall, Assignment)."""


class ExecutionJournalPatchedNodeExecuted(ApiModel):
    """A node inside a patch finished executing, with its inputs, outputs and errors."""

    patch_location: Location | None = None
    """A span of bytes (zero-based; end exclusive) within some content, e.g. the automation's
    code."""

    node_location: Location | None = None
    """A span of bytes (zero-based; end exclusive) within some content, e.g. the automation's
    code."""

    inputs: dict[str, Value] | None = None
    """Variables read while executing the node or its children."""

    outputs: dict[str, Value] | None = None
    """Variables written while executing the node or its children."""

    error: list[ExecutionError] | None = None
    """All errors raised while executing the node or its children."""

    node_id: str | None = None
    """The id of the patched node."""

    book_function_call: BookFunctionCall | None = None
    """A call to an external book function with its inputs and output."""

    node_kind: str | None = None
    """The kind of the patched node."""


class ExecutionJournalPatchedNodeStarted(ApiModel):
    """A node inside a patch started executing."""

    patch_location: Location | None = None
    """A span of bytes (zero-based; end exclusive) within some content, e.g. the automation's
    code."""

    node_location: Location | None = None
    """A span of bytes (zero-based; end exclusive) within some content, e.g. the automation's
    code."""

    node_id: str | None = None
    """The id of the patched node."""

    node_kind: str | None = None
    """The kind of the patched node."""


class ExecutionJournalStarted(ApiModel):
    """The execution has started (serialized as {})."""


class ExecutionJournalStoppedProgramStopped(ApiModel):
    """Stopped by the program."""

    reason: str | None = None
    """The reason the program was stopped."""


class ExecutionJournalStoppedUserStopped(ApiModel):
    """Stopped by a user (serialized as {})."""


class ExecutionJournalStoppedWaitingOnBook(ApiModel):
    """Waiting on an async book procedure to complete (serialized as {})."""


class ExecutionJournalStoppedWaitingOnTimer(ApiModel):
    """Waiting for a timer to fire."""

    duration: str | None = None
    """The duration of the timer (protobuf Duration, e.g. "300s")."""


class ExecutionJournalStopped(ApiModel):
    """The execution was stopped before completion; exactly one of user_stopped, waiting_on_book,
    waiting_on_timer or program_stopped says why."""

    user_stopped: ExecutionJournalStoppedUserStopped | None = None
    """Stopped by a user (serialized as {})."""

    waiting_on_book: ExecutionJournalStoppedWaitingOnBook | None = None
    """Waiting on an async book procedure to complete (serialized as {})."""

    waiting_on_timer: ExecutionJournalStoppedWaitingOnTimer | None = None
    """Waiting for a timer to fire."""

    program_stopped: ExecutionJournalStoppedProgramStopped | None = None
    """Stopped by the program."""


class ExecutionJournal(ApiModel):
    """Journal event for an execution, capturing status and node-level events. Exactly one of
    started, completed, stopped, failed, node_started, node_executed, node_skipped, node_patched,
    patched_node_started or patched_node_executed is normally present."""

    execution_id: str | None = None
    """Unique identifier for the execution."""

    run_id: str | None = None
    """Run identifier, set if the execution is part of a run."""

    event_time: dt.datetime | None = None
    """When this journal entry was generated."""

    started: ExecutionJournalStarted | None = None
    """The execution has started (serialized as {})."""

    completed: ExecutionJournalCompleted | None = None
    """The execution completed successfully."""

    stopped: ExecutionJournalStopped | None = None
    """The execution was stopped before completion; exactly one of user_stopped, waiting_on_book,
    waiting_on_timer or program_stopped says why."""

    failed: ExecutionJournalFailed | None = None
    """The execution encountered an error and could not complete."""

    node_started: ExecutionJournalNodeStarted | None = None
    """An AST node started executing."""

    node_executed: ExecutionJournalNodeExecuted | None = None
    """An AST node finished executing, with its inputs, outputs and errors."""

    node_skipped: ExecutionJournalNodeSkipped | None = None
    """An AST node was skipped."""

    node_patched: ExecutionJournalNodePatched | None = None
    """A patch was applied to an AST node."""

    patched_node_started: ExecutionJournalPatchedNodeStarted | None = None
    """A node inside a patch started executing."""

    patched_node_executed: ExecutionJournalPatchedNodeExecuted | None = None
    """A node inside a patch finished executing, with its inputs, outputs and errors."""

    automation_id: str | None = None
    """Automation identifier, set if the execution is part of an automation."""

    automation_phase_id: str | None = None
    """Automation phase identifier, set if the execution is part of an automation phase."""

    code_hash: str | None = None
    """MD5 hash of the SPy code being executed."""

    stage: AutomationStage | None = None
    """The publication stage of an automation (DRAFT can be modified; PUBLISHED is immutable)."""

    workspace_id: str | None = None
    """The workspace the execution belongs to."""

    organization_id: str | None = None
    """The organization the execution belongs to."""

    extra_metadata: dict[str, Value] | None = None
    """Extra metadata stored with the execution."""


class ValueTypeAnyType(ApiModel):
    """Any kind of value (serialized as {})."""


class ValueTypeField(ApiModel):
    """A named, typed field of a dictionary type or column of a table type."""

    key: str | None = None
    """The field or column name."""

    value: ValueType | None = None
    """A value type definition; exactly one key is normally present (scalar_type, optional_type,
    list_type, ...)."""

    description: str | None = None
    """Human-readable description."""


class ValueTypeDictionaryType(ApiModel):
    """A dictionary with named fields."""

    is_a: str | None = None
    """Semantic classification of the dictionary."""

    fields: list[ValueTypeField] | None = None
    """The named fields."""

    description: str | None = None
    """Human-readable description."""


class ValueTypeEnumTypeMembersItem(ApiModel):
    """ValueTypeEnumTypeMembersItem"""

    name: str | None = None
    """Programmatic name of the member."""

    description: str | None = None
    """Human-readable description."""


class ValueTypeEnumType(ApiModel):
    """An enumeration."""

    is_a: str | None = None
    """Semantic classification of the enum."""

    members: list[ValueTypeEnumTypeMembersItem] | None = None
    """The members."""

    description: str | None = None
    """Human-readable description."""


class ValueTypeGenericDictionaryType(ApiModel):
    """A dictionary with keys of one type and values of another."""

    key_type: ValueType | None = None
    """A value type definition; exactly one key is normally present (scalar_type, optional_type,
    list_type, ...)."""

    value_type: ValueType | None = None
    """A value type definition; exactly one key is normally present (scalar_type, optional_type,
    list_type, ...)."""


class ValueTypeListType(ApiModel):
    """A list of elements of one type."""

    inner: ValueType | None = None
    """A value type definition; exactly one key is normally present (scalar_type, optional_type,
    list_type, ...)."""


class ValueTypeOpaqueType(ApiModel):
    """A value with semantic meaning but unknown structure."""

    is_a: str | None = None
    """What the value represents."""

    description: str | None = None
    """Human-readable description."""


class ValueTypeOptionalType(ApiModel):
    """A value that may be absent."""

    inner: ValueType | None = None
    """A value type definition; exactly one key is normally present (scalar_type, optional_type,
    list_type, ...)."""


class ValueTypeScalarType(OpenEnum):
    """A scalar type.

    Open: a value not listed here is accepted as a member of its own.
    """

    VALUE_SCALAR_TYPE_UNSPECIFIED = "VALUE_SCALAR_TYPE_UNSPECIFIED"
    VALUE_SCALAR_TYPE_TEXT = "VALUE_SCALAR_TYPE_TEXT"
    VALUE_SCALAR_TYPE_NUMBER = "VALUE_SCALAR_TYPE_NUMBER"
    VALUE_SCALAR_TYPE_BOOLEAN = "VALUE_SCALAR_TYPE_BOOLEAN"
    VALUE_SCALAR_TYPE_DATETIME = "VALUE_SCALAR_TYPE_DATETIME"
    VALUE_SCALAR_TYPE_DATE = "VALUE_SCALAR_TYPE_DATE"
    VALUE_SCALAR_TYPE_TIME = "VALUE_SCALAR_TYPE_TIME"
    VALUE_SCALAR_TYPE_FILE = "VALUE_SCALAR_TYPE_FILE"


class ValueTypeSensitiveType(ApiModel):
    """A value holding sensitive information."""

    inner: ValueType | None = None
    """A value type definition; exactly one key is normally present (scalar_type, optional_type,
    list_type, ...)."""


class ValueTypeTableType(ApiModel):
    """A table with typed columns."""

    is_a: str | None = None
    """Semantic classification of the table."""

    columns: list[ValueTypeField] | None = None
    """The columns."""

    description: str | None = None
    """Human-readable description."""


class ValueTypeUnionType(ApiModel):
    """One of several types."""

    inners: list[ValueType] | None = None
    """The possible types."""


class ValueType(ApiModel):
    """A value type definition; exactly one key is normally present (scalar_type, optional_type,
    list_type, ...)."""

    scalar_type: ValueTypeScalarType | None = None
    """A scalar type."""

    optional_type: ValueTypeOptionalType | None = None
    """A value that may be absent."""

    list_type: ValueTypeListType | None = None
    """A list of elements of one type."""

    dictionary_type: ValueTypeDictionaryType | None = None
    """A dictionary with named fields."""

    table_type: ValueTypeTableType | None = None
    """A table with typed columns."""

    opaque_type: ValueTypeOpaqueType | None = None
    """A value with semantic meaning but unknown structure."""

    any_type: ValueTypeAnyType | None = None
    """Any kind of value (serialized as {})."""

    union_type: ValueTypeUnionType | None = None
    """One of several types."""

    sensitive_type: ValueTypeSensitiveType | None = None
    """A value holding sensitive information."""

    enum_type: ValueTypeEnumType | None = None
    """An enumeration."""

    generic_dictionary_type: ValueTypeGenericDictionaryType | None = None
    """A dictionary with keys of one type and values of another."""


class ExecutionOutput(ApiModel):
    """An output value set by the set_output() builtin function during execution."""

    value: Value | None = None
    """A runtime value produced by the interpreter. Exactly one key is present: null_value,
    bool_value, number, text, date, timeofday, datetime, time_zone, duration, list, dictionary,
    file, table or set."""

    type: ValueType | None = None
    """A value type definition; exactly one key is normally present (scalar_type, optional_type,
    list_type, ...)."""


class FailedRunState(ApiModel):
    """The run has failed due to an unrecoverable error."""

    id: str | None = None
    """The unique identifier of the error that caused the run to fail."""

    description: str | None = None
    """The description of the error."""

    location: Location | None = None
    """A span of bytes (zero-based; end exclusive) within some content, e.g. the automation's
    code."""


class GetExecutionOutputsResponse(ApiModel):
    """GetExecutionOutputsResponse contains the outputs from a completed execution."""

    outputs: dict[str, ExecutionOutput] | None = None
    """Named output values set by the set_output() builtin during execution, keyed by output
    name. Empty if no set_output() calls were made."""


class InvocationSource(OpenEnum):
    """The entity responsible for creating a run.

    Open: a value not listed here is accepted as a member of its own.
    """

    INVOCATION_SOURCE_UNSPECIFIED = "INVOCATION_SOURCE_UNSPECIFIED"
    INVOCATION_SOURCE_MANUAL = "INVOCATION_SOURCE_MANUAL"
    INVOCATION_SOURCE_TRIGGER = "INVOCATION_SOURCE_TRIGGER"
    INVOCATION_SOURCE_SCHEDULE = "INVOCATION_SOURCE_SCHEDULE"


class InvocationDetails(ApiModel):
    """Information about the entity that initiated a run."""

    trigger_id: str | None = None
    """The ID of the trigger that initiated this run, if applicable."""

    user_id: str | None = None
    """The ID of the user that initiated this run, if applicable."""

    invocation_source: InvocationSource | None = None
    """The entity responsible for creating a run."""


class RunEventExecutionJournal(ApiModel):
    """RunEventExecutionJournal"""

    execution_journal: ExecutionJournal
    """Journal event for an execution, capturing status and node-level events. Exactly one of
    started, completed, stopped, failed, node_started, node_executed, node_skipped, node_patched,
    patched_node_started or patched_node_executed is normally present."""


class RunStateAwaitingGuidance(ApiModel):
    """RunStateAwaitingGuidance"""

    awaiting_guidance: AwaitingGuidanceRunState
    """The run is waiting for external guidance or user input."""

    update_time: dt.datetime | None = None
    """When the run transitioned to this state."""


class RunStateCompleted(ApiModel):
    """RunStateCompleted"""

    completed: CompletedRunState
    """The run has completed successfully."""

    update_time: dt.datetime | None = None
    """When the run transitioned to this state."""


class RunStateExecuting(ApiModel):
    """RunStateExecuting"""

    executing: ExecutingRunState
    """The run is currently being executed (serialized as {})."""

    update_time: dt.datetime | None = None
    """When the run transitioned to this state."""


class RunStateFailed(ApiModel):
    """RunStateFailed"""

    failed: FailedRunState
    """The run has failed due to an unrecoverable error."""

    update_time: dt.datetime | None = None
    """When the run transitioned to this state."""


class PendingRunState(ApiModel):
    """The run has been submitted and is waiting to start execution (serialized as {})."""


class RunStatePending(ApiModel):
    """RunStatePending"""

    pending: PendingRunState
    """The run has been submitted and is waiting to start execution (serialized as {})."""

    update_time: dt.datetime | None = None
    """When the run transitioned to this state."""


class StoppedRunState(ApiModel):
    """The run has been stopped and can be resumed later."""

    reason: str | None = None
    """The reason provided by the user for stopping the run."""


class RunStateStopped(ApiModel):
    """RunStateStopped"""

    stopped: StoppedRunState
    """The run has been stopped and can be resumed later."""

    update_time: dt.datetime | None = None
    """When the run transitioned to this state."""


class StoppingRunState(ApiModel):
    """The run is being stopped gracefully and will transition to stopped."""

    reason: str | None = None
    """The reason provided by the user for stopping the run."""


class RunStateStopping(ApiModel):
    """RunStateStopping"""

    stopping: StoppingRunState
    """The run is being stopped gracefully and will transition to stopped."""

    update_time: dt.datetime | None = None
    """When the run transitioned to this state."""


RunState: TypeAlias = Annotated[
    Union[
        Annotated[RunStatePending, Tag("pending")],
        Annotated[RunStateExecuting, Tag("executing")],
        Annotated[RunStateStopping, Tag("stopping")],
        Annotated[RunStateStopped, Tag("stopped")],
        Annotated[RunStateAwaitingGuidance, Tag("awaiting_guidance")],
        Annotated[RunStateCompleted, Tag("completed")],
        Annotated[RunStateFailed, Tag("failed")],
        Annotated[UnknownVariant, Tag(UNKNOWN)],
    ],
    by_present_key(
        ("pending", "executing", "stopping", "stopped", "awaiting_guidance", "completed", "failed"),
        "RunState",
    ),
]
"""The lifecycle state of a run: exactly one of pending, executing, stopping, stopped,
awaiting_guidance, completed or failed is present, plus update_time."""


class Run(ApiModel):
    """A single execution instance of an automation: the executable code, metadata, and current
    execution state. The run id is the last segment of `name` (there is no separate id field)."""

    name: str | None = None
    """The resource name of the run:
    organizations/{organization}/workspaces/{workspace}/automations/{automation}/runs/{run}."""

    executable_steps: ExecutableSteps | None = None
    """The sequence of executable steps of a run. The output of each step becomes the input of
    the next; the output of the last step is the output of the run."""

    create_time: dt.datetime | None = None
    """When the run was created (set when the run is first submitted)."""

    state: RunState | None = None
    """The lifecycle state of a run: exactly one of pending, executing, stopping, stopped,
    awaiting_guidance, completed or failed is present, plus update_time."""

    update_time: dt.datetime | None = None
    """When the run was last updated."""

    previous_run: str | None = None
    """The resource name of the previous run in the chain, if any; its execution details may be
    used to avoid re-computation."""

    stage: AutomationStage
    """The publication stage of an automation (DRAFT can be modified; PUBLISHED is immutable)."""

    stage_version: str
    """The version of the automation stage at the time this run was created."""

    invocation_details: InvocationDetails | None = None
    """Information about the entity that initiated a run."""

    user_inputs: dict[str, Value] | None = None
    """The user inputs provided to the run during the pre phase."""


class RunUpdate(ApiModel):
    """A single update to a run's state."""

    run: Run | None = None
    """A single execution instance of an automation: the executable code, metadata, and current
    execution state. The run id is the last segment of `name` (there is no separate id field)."""


class RunEventRunUpdate(ApiModel):
    """RunEventRunUpdate"""

    run_update: RunUpdate
    """A single update to a run's state."""


RunEvent: TypeAlias = Annotated[
    Union[
        Annotated[RunEventRunUpdate, Tag("run_update")],
        Annotated[RunEventExecutionJournal, Tag("execution_journal")],
        Annotated[UnknownVariant, Tag(UNKNOWN)],
    ],
    by_present_key(("run_update", "execution_journal"), "RunEvent"),
]
"""A single event of a run: either a run state update (run_update) or an execution journal entry
(execution_journal)."""


class ListRunEventsResponse(ApiModel):
    """Response message for the ListRunEvents RPC: a page of run events in chronological order,
    with pagination information. May contain fewer events than requested."""

    run_events: list[RunEvent] | None = None
    """The run events of this page, in chronological order. Each is either a run state update or
    an execution journal entry."""

    next_page_token: str | None = None
    """Token for the next page. When empty or omitted, this is the final page. Opaque: do not
    parse, modify, or reuse it across different parent resources or request parameters."""


class ListRunsResponse(ApiModel):
    """Response message for ListRuns method. Contains a paginated list of runs and pagination
    metadata."""

    runs: list[Run] | None = None
    """The list of runs matching the request criteria. May be empty if no runs are found or if
    the page is beyond available results."""

    next_page_token: str | None = None
    """A token that can be sent as page_token to retrieve the next page. If this field is
    omitted, there are no subsequent pages."""


class PauseRunBody(ApiModel):
    """Request message for PauseRun method. Specifies which run to pause by its unique
    identifier."""

    reason: str
    """The reason for pausing the run."""


class ProtobufAny(ApiModel):
    """A google.protobuf.Any detail; `@type` names the message type, the other keys are its
    fields."""

    type_url: str | None = Field(
        default=None, validation_alias="@type", serialization_alias="@type"
    )
    """Type URL of the detail message, e.g. type.googleapis.com/google.rpc.BadRequest."""


class QueryAutomationRunAggregatesResponseAutomationRunAggregatesItemStats(ApiModel):
    """Stats for a single automation."""

    total_runs: StrInt | None = None
    """The total number of runs for this automation."""

    completed_runs: StrInt | None = None
    """The number of completed runs for this automation."""


class QueryAutomationRunAggregatesResponseAutomationRunAggregatesItem(ApiModel):
    """Entry for automation run statistics. Contains the automation ID and its associated run
    counts."""

    automation_id: str | None = None
    """The automation for this entry, as a resource name:
    organizations/{organization}/workspaces/{workspace}/automations/{automation}."""

    stats: QueryAutomationRunAggregatesResponseAutomationRunAggregatesItemStats | None = None
    """Stats for a single automation."""


class QueryAutomationRunAggregatesResponse(ApiModel):
    """Response message for QueryAutomationRunAggregates method. Contains statistics for each
    automation in the workspace."""

    automation_run_aggregates: (
        list[QueryAutomationRunAggregatesResponseAutomationRunAggregatesItem] | None
    ) = None
    """List of automation run statistics entries."""


class QueryDailyRunAggregatesResponseDailyRunAggregatesItemStats(ApiModel):
    """Stats for a single day."""

    total_runs: int | None = None
    """The total number of runs created on this date."""


class QueryDailyRunAggregatesResponseDailyRunAggregatesItem(ApiModel):
    """Entry for daily run statistics. Contains the date and run counts for that date."""

    date: str | None = None
    """The date for this entry. Format YYYY-MM-DD (e.g. "2024-01-01")."""

    stats: QueryDailyRunAggregatesResponseDailyRunAggregatesItemStats | None = None
    """Stats for a single day."""


class QueryDailyRunAggregatesResponse(ApiModel):
    """Response message for QueryDailyRunAggregates method. Contains daily run statistics as a
    list of entries."""

    daily_run_aggregates: list[QueryDailyRunAggregatesResponseDailyRunAggregatesItem] | None = None
    """List of daily run statistics entries."""


class Status(ApiModel):
    """google.rpc.Status error body. `code` is a gRPC status code (e.g. 3 = INVALID_ARGUMENT, 5 =
    NOT_FOUND, 16 = UNAUTHENTICATED), not the HTTP status."""

    code: int | None = None
    """The gRPC status code."""

    message: str | None = None
    """Developer-facing error message."""

    details: list[ProtobufAny] | None = None
    """Error details."""


for _model in (
    DictionaryValueEntriesItem,
    ListValue,
    ValueTypeField,
    ValueTypeGenericDictionaryType,
    ValueTypeListType,
    ValueTypeOptionalType,
    ValueTypeSensitiveType,
    ValueTypeUnionType,
):
    _model.model_rebuild()
