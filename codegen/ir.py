"""The intermediate model (IR): one description of an API, independent of its input format.

Normalizers build it (``codegen.normalize``); templates read it (``codegen.render``); drift
checks compare two of them (``codegen.drift``). Every type is a frozen dataclass: transform
with :func:`dataclasses.replace`, never mutate.

Naming and nullability are settled here, once: every ``py_name`` is a safe snake_case Python
identifier, every ``class_name`` a safe PascalCase one, wire names are kept beside them, and
"may be null" is the single ``TypeRef.nullable`` flag, however the spec spelled it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal, TypeAlias

JsonScalar: TypeAlias = str | int | float | bool | None


def json_type(value: object) -> str:
    """The JSON Schema type a decoded JSON value has: ``null``, ``boolean``, ``integer``,
    ``number``, ``string``, ``array`` or ``object``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"

# --------------------------------------------------------------------------------------------
# Types
# --------------------------------------------------------------------------------------------

TypeKind = Literal[
    "string",
    "integer",
    "number",
    "boolean",
    "date",
    "datetime",
    "any",
    "array",
    "map",
    "ref",
    "literal",
    "binary",
    "union",
]


@dataclass(frozen=True)
class TypeRef:
    """A reference to a type.

    ``kind`` says which; ``items`` is the element type of an ``array`` and the value type of a
    ``map``; ``ref`` names a schema in :attr:`Api.schemas` for ``ref``; ``literal`` is the one
    value of a ``literal`` (a discriminator tag). ``string_encoded`` marks an integer carried
    as a JSON string (int64 in proto3 JSON). ``binary`` is raw bytes: a file part of a multipart
    body, an octet-stream upload or download (``format: binary``). A ``union`` is any of
    ``variants`` (an object, a free-form map, a string...), which pydantic tells apart by trying
    each; unions of object schemas alone are named :class:`UnionSchema` s instead.
    """

    kind: TypeKind
    items: TypeRef | None = None
    ref: str | None = None
    literal: JsonScalar = None
    nullable: bool = False
    string_encoded: bool = False
    variants: tuple[TypeRef, ...] = ()


@dataclass(frozen=True)
class Constraints:
    """Documented value constraints, checked by the client before a request is sent."""

    minimum: int | float | None = None
    maximum: int | float | None = None
    exclusive_minimum: int | float | None = None
    exclusive_maximum: int | float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    min_items: int | None = None
    max_items: int | None = None

    def is_empty(self) -> bool:
        return self == Constraints()


@dataclass(frozen=True)
class Default:
    """A default value the API applies when a value is omitted (``value`` may be ``None``)."""

    value: JsonScalar


@dataclass(frozen=True)
class Field:
    """One property of an object schema."""

    wire_name: str
    py_name: str
    type: TypeRef
    required: bool
    description: str | None = None
    default: Default | None = None
    constraints: Constraints = Constraints()
    deprecated: bool = False


@dataclass(frozen=True)
class ObjectSchema:
    """A JSON object with named fields.

    Response models always keep unknown fields; ``closed`` (``additionalProperties: false``)
    makes a model that only requests use refuse unknown fields instead.
    """

    name: str
    origin: str
    fields: tuple[Field, ...]
    description: str | None = None
    additional: TypeRef | None = None
    closed: bool = False
    kind: Literal["object"] = "object"


@dataclass(frozen=True)
class EnumMember:
    value: str | int
    py_name: str


@dataclass(frozen=True)
class EnumSchema:
    """An enumeration. Clients treat every enum as open: unknown values are accepted."""

    name: str
    origin: str
    base: Literal["string", "integer"]
    members: tuple[EnumMember, ...]
    description: str | None = None
    kind: Literal["enum"] = "enum"


@dataclass(frozen=True)
class UnionVariant:
    tag: str
    ref: str


@dataclass(frozen=True)
class UnionSchema:
    """One of several object schemas.

    ``discriminator`` is ``"property"`` (the wire property ``property`` holds ``tag``),
    ``"present_key"`` (the variant is the one whose tag key is present in the object, as in a
    protobuf ``oneof``) or ``"none"`` (tried in order). Unknown tags never fail: they fall back
    to a generic object that keeps every field.
    """

    name: str
    origin: str
    variants: tuple[UnionVariant, ...]
    discriminator: Literal["property", "present_key", "none"]
    property: str | None = None
    description: str | None = None
    kind: Literal["union"] = "union"


@dataclass(frozen=True)
class AliasSchema:
    """A named schema that is not an object, enum or union (``type: string`` with a format)."""

    name: str
    origin: str
    type: TypeRef
    description: str | None = None
    kind: Literal["alias"] = "alias"


Schema: TypeAlias = ObjectSchema | EnumSchema | UnionSchema | AliasSchema

# --------------------------------------------------------------------------------------------
# Operations
# --------------------------------------------------------------------------------------------

PATH_PARAM = re.compile(r"\{([^{}]*)\}")


def path_params(template: str) -> list[str]:
    """The parameter names of a path template, in order (``/runs/{id}`` → ``["id"]``)."""
    return PATH_PARAM.findall(template)


ParamLocation = Literal["path", "query", "header"]
# form: name=value (arrays repeat the name); deepObject: name[key]=value; dotted: name.key=value
ParamStyle = Literal["form", "deepObject", "dotted"]


@dataclass(frozen=True)
class Parameter:
    wire_name: str
    py_name: str
    location: ParamLocation
    type: TypeRef
    required: bool
    style: ParamStyle = "form"
    description: str | None = None
    default: Default | None = None
    constraints: Constraints = Constraints()
    deprecated: bool = False


# How a body travels: JSON; a form (application/x-www-form-urlencoded); multipart/form-data;
# raw bytes (application/octet-stream, image/png, ...); text (text/plain, text/csv, ...).
MediaKind = Literal["json", "form", "multipart", "binary", "text"]
# How a form field (or a multipart part) spreads a value over names, as OpenAPI's ``style``:
# form: name=value (arrays repeat the name, or join with commas when not exploded);
# spaceDelimited / pipeDelimited: array items joined; deepObject: name[key]=value, name[]=item.
EncodingStyle = Literal["form", "spaceDelimited", "pipeDelimited", "deepObject"]
JSON_MEDIA_TYPE = "application/json"
BODY_ARGUMENT = "body"
"""The keyword argument that holds a request body sent whole (see :attr:`RequestBody.whole`)."""


@dataclass(frozen=True)
class Encoding:
    """How one field of a form or multipart body is written (OpenAPI's Encoding Object).

    ``style`` and ``explode`` spread a value over form names. ``content_type`` is the
    Content-Type a multipart part is sent with, settled from the document and the field's type
    (``application/json`` for an object; ``None``: no header, a text part, or for a file the
    type its filename suggests). ``styled``: the document gave a style, which makes a
    multipart field text parts named like form fields (``a[b]``) instead of one part.
    """

    wire_name: str
    style: EncodingStyle = "form"
    explode: bool = True
    content_type: str | None = None
    styled: bool = False


@dataclass(frozen=True)
class RequestBody:
    """A request body.

    ``media`` says how it travels and ``media_type`` is the Content-Type sent (a form or
    multipart body is an object schema: ``type`` names it and ``fields`` are its fields, which
    become keyword arguments of the call, each written as ``encoding`` says). ``whole`` means the
    body is one argument (:data:`BODY_ARGUMENT`) instead: it is not an object with fields (an
    array, a map, a union, bytes, text), or its fields would collide with the parameters.
    """

    type: TypeRef
    required: bool
    fields: tuple[Field, ...]
    description: str | None = None
    media: MediaKind = "json"
    media_type: str = JSON_MEDIA_TYPE
    encoding: tuple[Encoding, ...] = ()
    whole: bool = False

    def encoding_of(self, wire_name: str) -> Encoding:
        """The encoding of one field (the default one when the document declares none)."""
        for encoding in self.encoding:
            if encoding.wire_name == wire_name:
                return encoding
        return Encoding(wire_name)


@dataclass(frozen=True)
class Response:
    """The success response: ``type`` is what the call returns, found at ``envelope`` (a path of
    wire names, empty for a bare body) inside the JSON body. ``type`` is ``None`` for no body.

    ``media`` is ``json``, ``binary`` (the call returns the bytes, and can stream them) or
    ``text`` (the call returns the decoded text); ``media_type`` is what the client asks for in
    ``Accept`` (several types joined by commas when the document offers several of one kind).
    """

    status: int
    type: TypeRef | None
    envelope: tuple[str, ...] = ()
    description: str | None = None
    media: MediaKind = "json"
    media_type: str = JSON_MEDIA_TYPE


@dataclass(frozen=True)
class ErrorResponse:
    """The body an error status carries. ``status`` is ``None`` for the catch-all."""

    status: int | None
    type: TypeRef | None
    description: str | None = None


@dataclass(frozen=True)
class NoPagination:
    style: Literal["none"] = "none"


# Every style may also declare two end conditions of its own: ``stop_on_empty_page`` (an empty
# page ends the list) and ``max_empty_pages`` (how many empty pages in a row that still point
# onward are walked before the client gives up with a PaginationError).
DEFAULT_MAX_EMPTY_PAGES = 10


@dataclass(frozen=True)
class CursorPagination:
    """Cursor sent back as ``param``: read at ``next_cursor`` in the body, or, when
    ``next_cursor_from_item`` is set, at that path in the last item of the page (Stripe's
    ``starting_after``; ``next_cursor`` is then empty). Stop when the cursor is null or empty,
    when ``has_more`` (if declared) is false, or (from an item) on an empty page."""

    param: str
    next_cursor: tuple[str, ...]
    items: tuple[str, ...]
    item_type: TypeRef
    has_more: tuple[str, ...] | None = None
    next_cursor_from_item: tuple[str, ...] | None = None
    stop_on_empty_page: bool = False
    max_empty_pages: int = DEFAULT_MAX_EMPTY_PAGES
    style: Literal["cursor"] = "cursor"


@dataclass(frozen=True)
class HeaderCursorPagination:
    """Cursor in a response header: the first of ``headers`` that is present and non-empty is
    sent back as ``param``; the list ends when none is."""

    param: str
    headers: tuple[str, ...]
    items: tuple[str, ...]
    item_type: TypeRef
    stop_on_empty_page: bool = False
    max_empty_pages: int = DEFAULT_MAX_EMPTY_PAGES
    style: Literal["header_cursor"] = "header_cursor"


@dataclass(frozen=True)
class OffsetPagination:
    """Offset/limit: the next offset is this offset plus the items received; stop when
    ``has_more`` (if declared) is false, ``total`` items are reached, or (when
    ``stop_on_empty_page``, the default without ``has_more`` or ``total``) a page is empty."""

    offset_param: str
    limit_param: str
    items: tuple[str, ...]
    item_type: TypeRef
    has_more: tuple[str, ...] | None = None
    total: tuple[str, ...] | None = None
    stop_on_empty_page: bool = True
    max_empty_pages: int = DEFAULT_MAX_EMPTY_PAGES
    style: Literal["offset"] = "offset"


@dataclass(frozen=True)
class PageNumberPagination:
    """Page numbers counted from ``start`` (0 or 1), sent as ``param``, with an optional page
    size parameter. Stop when ``has_more`` is false, ``next`` is null or missing, the page
    count ``total_pages`` or the item count ``total_items`` is reached, or (when
    ``stop_on_empty_page``, the default when none of those is declared) a page is empty."""

    param: str
    items: tuple[str, ...]
    item_type: TypeRef
    start: int = 1
    size_param: str | None = None
    has_more: tuple[str, ...] | None = None
    next: tuple[str, ...] | None = None
    total_pages: tuple[str, ...] | None = None
    total_items: tuple[str, ...] | None = None
    stop_on_empty_page: bool = True
    max_empty_pages: int = DEFAULT_MAX_EMPTY_PAGES
    style: Literal["page_number"] = "page_number"


@dataclass(frozen=True)
class NextUrlPagination:
    """The next page is a URL: the body field at ``next_url``, or the ``rel="next"`` link of
    the response header ``link_header`` (exactly one of the two). Followed as given when it
    is under the client's base URL; the list ends when there is none (or ``has_more`` is
    false)."""

    items: tuple[str, ...]
    item_type: TypeRef
    next_url: tuple[str, ...] | None = None
    link_header: str | None = None
    has_more: tuple[str, ...] | None = None
    stop_on_empty_page: bool = False
    max_empty_pages: int = DEFAULT_MAX_EMPTY_PAGES
    style: Literal["next_url"] = "next_url"


@dataclass(frozen=True)
class PageTokenPagination:
    """AIP-158 page token: send ``param``; read ``next_token``; only a missing or empty token
    ends the list (an empty page with a token does not)."""

    param: str
    next_token: tuple[str, ...]
    items: tuple[str, ...]
    item_type: TypeRef
    stop_on_empty_page: bool = False
    max_empty_pages: int = DEFAULT_MAX_EMPTY_PAGES
    style: Literal["page_token"] = "page_token"


Pagination: TypeAlias = (
    NoPagination
    | CursorPagination
    | HeaderCursorPagination
    | OffsetPagination
    | PageNumberPagination
    | NextUrlPagination
    | PageTokenPagination
)


@dataclass(frozen=True)
class Operation:
    operation_id: str
    py_name: str
    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
    path: str
    params: tuple[Parameter, ...]
    response: Response
    errors: tuple[ErrorResponse, ...] = ()
    body: RequestBody | None = None
    pagination: Pagination = NoPagination()
    idempotent: bool = True
    summary: str | None = None
    description: str | None = None
    deprecated: bool = False
    origin: str = ""
    fixed_headers: tuple[FixedHeader, ...] = ()


@dataclass(frozen=True)
class Resource:
    py_name: str
    class_name: str
    operations: tuple[Operation, ...]


# --------------------------------------------------------------------------------------------
# The API
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Auth:
    """How the credential is sent.

    ``bearer`` and ``api_key`` in a header: ``header: prefix + credential`` (``prefix`` is
    ``"Bearer "``, ``""``, or a vendor's own such as ``"Token "``); ``api_key`` with
    ``query_param``: the credential as that query parameter; ``basic``: HTTP Basic with the
    credential as the user name and an optional password (read from ``password_env``).
    """

    kind: Literal["bearer", "api_key", "basic", "none"]
    header: str = "Authorization"
    prefix: str = "Bearer "
    env_var: str | None = None
    description: str | None = None
    query_param: str | None = None
    password_env: str | None = None


@dataclass(frozen=True)
class FixedHeader:
    """A header with a constant value sent on every request (of the API, or of one operation):
    ``X-GitHub-Api-Version: 2022-11-28``."""

    name: str
    value: str


@dataclass(frozen=True)
class RateLimitSignal:
    """A status that means "slow down" when ``header`` is present (and, when ``value`` is
    set, equal to it): GitHub's 403 with ``x-ratelimit-remaining: 0``. 429 always does."""

    status: int
    header: str
    value: str | None = None


@dataclass(frozen=True)
class RateLimit:
    """How an API says "slow down" beyond a 429, and when the limit resets."""

    signals: tuple[RateLimitSignal, ...] = ()
    reset_header: str | None = None
    """A response header holding the moment the limit resets, in epoch seconds."""


@dataclass(frozen=True)
class BodySuccess:
    """For APIs that report errors inside 2xx bodies (Slack: ``{"ok": false, "error": ...}``):
    a body is a success only when the field at ``path`` equals ``value``. Otherwise it is an
    error whose code is at ``code`` and message at ``message``; ``statuses`` maps codes to
    the HTTP status whose error class they raise (``invalid_auth`` → 401)."""

    path: tuple[str, ...]
    value: JsonScalar
    code: tuple[str, ...] | None = None
    message: tuple[str, ...] | None = None
    statuses: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class ExtraHeader:
    """A header set once per client (e.g. a workspace id), from an argument or environment."""

    wire_name: str
    py_name: str
    env_var: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class BodyRetryDelay:
    """Where an error body says how long to wait before retrying, and in which unit."""

    path: tuple[str, ...]
    unit: Literal["ms", "s"]


@dataclass(frozen=True)
class Api:
    vendor_id: str
    package: str
    class_prefix: str
    title: str
    version: str
    base_url: str | None
    auth: Auth
    resources: tuple[Resource, ...]
    schemas: tuple[Schema, ...]
    description: str | None = None
    extra_headers: tuple[ExtraHeader, ...] = ()
    request_id_header: str | None = None
    retry_delay: BodyRetryDelay | None = None
    default_errors: tuple[ErrorResponse, ...] = ()
    fixed_headers: tuple[FixedHeader, ...] = ()
    rate_limit: RateLimit = RateLimit()
    success: BodySuccess | None = None
    sources: tuple[str, ...] = field(default=(), compare=False)

    @property
    def client_name(self) -> str:
        return f"{self.class_prefix}Client"

    @property
    def async_client_name(self) -> str:
        return f"Async{self.class_prefix}Client"

    def schema(self, name: str) -> Schema:
        for schema in self.schemas:
            if schema.name == name:
                return schema
        raise KeyError(name)

    def operations(self) -> tuple[Operation, ...]:
        return tuple(op for resource in self.resources for op in resource.operations)


def resolve_alias(schemas: Mapping[str, Schema], ref: TypeRef) -> tuple[TypeRef, Schema | None]:
    """``ref`` with named aliases followed (a nullable alias stays nullable), and the object,
    enum or union schema it names, if any. A cycle of aliases stops where it started."""
    for _ in range(len(schemas) + 1):
        schema = schemas.get(ref.ref or "") if ref.kind == "ref" else None
        if not isinstance(schema, AliasSchema):
            return ref, schema
        ref = replace(schema.type, nullable=schema.type.nullable or ref.nullable)
    return ref, None
