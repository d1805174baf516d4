"""What ``codegen diff`` reports: one :class:`Change` per difference, and the table that says
what each kind of change means for users of the generated client.

*Breaking*: code written against the client generated from the old spec may fail, either
because the old client no longer fits the new API or because the regenerated client changed
under it. *Non-breaking*: such code keeps working. *Info*: worth knowing, no effect on code.

A rule may depend on the side a change is on: a new required field breaks a request (callers
must now pass it) but not a response (it is one more attribute to read). Whatever changes in an
error body is info: every error still raises the same exception class, only the model its body
is parsed into differs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

Severity = Literal["breaking", "non-breaking", "info"]
Side = Literal["api", "operation", "request", "response", "error"]
JsonValue: TypeAlias = str | int | float | bool | list[str] | None

SEVERITIES: tuple[Severity, ...] = ("breaking", "non-breaking", "info")

B: Severity = "breaking"
N: Severity = "non-breaking"
I: Severity = "info"  # noqa: E741

# kind → (severity, reason) for every side, or side → (severity, reason) where it matters.
_Rule: TypeAlias = tuple[Severity, str]
RULES: dict[str, _Rule | dict[Side, _Rule]] = {
    # The API as a whole
    "base_url_changed": (
        B,
        "clients generated from the old spec call the old URL unless given base_url",
    ),
    "base_url_removed": (B, "base_url becomes a required argument of the client"),
    "base_url_added": (N, "base_url becomes optional; passing it still works"),
    "auth_changed": (
        B,
        "the credential is sent another way; the old client's requests are rejected",
    ),
    "auth_env_changed": (B, "a key left in the old environment variable is no longer found"),
    "client_header_added": (N, "a new optional client argument"),
    "client_header_removed": (B, "code that passes the client argument fails with a TypeError"),
    "package_renamed": (B, "imports of the package must change"),
    "client_renamed": (B, "imports of the client class must change"),
    "version_changed": (I, "the vendor's version label; no effect on code"),
    "client_behaviour_changed": (I, "the regenerated client adapts; no code change"),
    "fixed_header_changed": (B, "the old client keeps sending the old header value"),
    "success_changed": (B, "the old client tells a success from an error the old way"),
    # Operations
    "operation_added": (N, "a new method on the client"),
    "operation_removed": (B, "code that calls it fails with an AttributeError"),
    "operation_renamed": (B, "code that calls the old name fails with an AttributeError"),
    "operation_moved": (B, "the client generated from the old spec calls the old method and path"),
    "operation_deprecated": (I, "still works; plan to move off it"),
    "operation_undeprecated": (I, "no longer deprecated"),
    "pagination_added": (B, "the call now returns a page object instead of the body"),
    "pagination_removed": (B, "the call now returns the body; code that iterates pages breaks"),
    "pagination_changed": (B, "the old client pages the old way and may stop early or fail"),
    "envelope_changed": (B, "the old client looks for the result in the wrong place"),
    "response_body_added": (N, "the call now returns a value; code that ignored it is unaffected"),
    "response_body_removed": (B, "the call now returns None; code that reads the result breaks"),
    "response_status_changed": (I, "every 2xx status is a success for the client"),
    "body_added_required": (B, "calls must now send a body the old client does not send"),
    "body_added_optional": (N, "new optional keyword arguments"),
    "body_removed": (B, "code that passes the body's keyword arguments fails with a TypeError"),
    "body_required": (B, "calls without a body are now rejected"),
    "body_optional": (N, "calls may leave out the body now"),
    "error_changed": (I, "errors raise the same exception classes; only the parsed body differs"),
    "body_encoding_changed": (B, "the old client encodes the request body the old way"),
    "response_media_changed": (
        B,
        "the call returns another kind of value (parsed JSON, bytes or text)",
    ),
    # Parameters (always on the request side)
    "param_added_required": (B, "calls without it fail; the old client does not send it"),
    "param_added_optional": (N, "a new optional keyword argument"),
    "param_removed": (B, "code that passes it fails with a TypeError"),
    "param_renamed": (B, "the keyword argument has a new name"),
    "param_moved": (B, "the old client sends it in the old place"),
    "param_required": (B, "calls that leave it out now fail"),
    "param_optional": (N, "calls may leave it out now"),
    "param_style_changed": (B, "the old client encodes it the old way"),
    # Fields, on either side (parameter types are walked as request fields)
    "field_added_required": {
        "request": (B, "code that leaves out the new required field fails"),
        "response": (N, "a new attribute to read"),
    },
    "field_added_optional": {
        "request": (N, "a new optional field; code that leaves it out is unaffected"),
        "response": (N, "a new attribute to read"),
    },
    "field_removed": {
        "request": (B, "code that sets it no longer type-checks; the API ignores or rejects it"),
        "response": (B, "code that reads it fails with an AttributeError"),
    },
    "field_renamed": (B, "the attribute has a new Python name"),
    "field_required": {
        "request": (B, "code that leaves it out now fails"),
        "response": (N, "it is always present now"),
    },
    "field_optional": {
        "request": (N, "code may leave it out now"),
        "response": (B, "code that reads it may now get None"),
    },
    "nullable_added": {
        "request": (N, "None is accepted now"),
        "response": (B, "code that reads it may now get None"),
    },
    "nullable_removed": {
        "request": (B, "None is no longer accepted"),
        "response": (N, "it is never None now"),
    },
    "type_changed": {
        "request": (B, "values of the old type are rejected"),
        "response": (B, "code that reads it gets a value of another type"),
    },
    "type_widened": {
        "request": (N, "every value accepted before is still accepted"),
        "response": (B, "code that reads it may get values of a wider type"),
    },
    "type_narrowed": {
        "request": (B, "some values accepted before are rejected"),
        "response": (N, "every value it gets is still of the old type"),
    },
    "encoding_changed": (I, "the client converts; the Python type is the same"),
    "constraint_tightened": {
        "request": (B, "values that were valid are rejected (checked before sending)"),
        "response": (I, "the client does not check constraints of responses"),
    },
    "constraint_loosened": {
        "request": (N, "every value that was valid still is"),
        "response": (I, "the client does not check constraints of responses"),
    },
    "default_changed": (I, "calls that leave it out get another default"),
    "field_deprecated": (I, "still works; plan to move off it"),
    "additional_changed": (I, "unknown fields are kept either way"),
    "enum_values_added": {
        "request": (N, "more values are accepted"),
        "response": (N, "enums are open: the old client accepts new values as unknown members"),
    },
    "enum_values_removed": {
        "request": (B, "the API rejects the removed values"),
        "response": (B, "code that names a removed member fails with an AttributeError"),
    },
    "variant_added": {
        "request": (N, "one more kind of value may be sent"),
        "response": (N, "unions are open: the old client keeps it as an UnknownVariant"),
    },
    "variant_removed": {
        "request": (B, "the API rejects the removed kind"),
        "response": (B, "code that handles the removed variant by name breaks"),
    },
    "discriminator_changed": (B, "the old client picks union variants the old way"),
    "schema_renamed": (B, "code that imports the model class by name must change"),
}


_ERROR_BODY: _Rule = (I, "errors raise the same exception classes; only the parsed body differs")


def classify(kind: str, side: Side) -> _Rule:
    if side == "error":
        return _ERROR_BODY
    rule = RULES[kind]
    if isinstance(rule, dict):
        return rule.get(side) or rule["response" if side == "response" else "request"]
    return rule


@dataclass(frozen=True)
class Part:
    """One aspect of a change (``made optional``, ``type string → integer``)."""

    kind: str
    message: str


@dataclass(frozen=True)
class Change:
    """One difference, reported on one line.

    ``via`` names the entries that lead to it: operations as the client calls them
    (``runs.list``), or API settings (``base_url``). ``param`` is the keyword argument it is
    reached through, if any (``filter`` in ``runs.list(filter) → RunFilter.status``).
    ``location`` is where it is: a field of a named schema (``AutomationRun.status``), the
    parameter itself, a place inside an entry's type (``items``, ``body``), or empty for the
    entry itself. ``shared`` marks a change inside a named schema: the same whichever entry
    reaches it, so it is reported once with every entry. ``parts`` lists what changed at that
    place when it is more than one thing (a field made optional and nullable); ``kind`` is then
    the most severe part's."""

    kind: str
    side: Side
    location: str
    message: str
    via: tuple[str, ...] = ()
    old: JsonValue = None
    new: JsonValue = None
    param: str | None = None
    shared: bool = False
    parts: tuple[Part, ...] = ()

    @property
    def severity(self) -> Severity:
        return classify(self.kind, self.side)[0]

    @property
    def reason(self) -> str:
        return classify(self.kind, self.side)[1]

    @property
    def path(self) -> str:
        head = self.via[0] if self.via else ""
        if self.param is not None:
            head += f"({self.param})"
        inner = "" if self.param is not None and self.location == self.param else self.location
        if head and inner:
            return f"{head} → {inner}"
        return head or inner

    @property
    def key(self) -> tuple[str, ...]:
        """What makes two changes one: a change inside a named schema is the same whichever
        entry reaches it, and so is a renamed model wherever it is met; any other belongs to
        its entry (and parameter)."""
        if self.kind == "schema_renamed":
            return (self.kind, self.side, self.message)
        if self.shared:
            return (self.kind, self.side, self.location, self.message)
        entry = self.via[0] if self.via else ""
        return (self.kind, self.side, entry, self.param or "", self.location, self.message)

    @property
    def place(self) -> tuple[str, ...]:
        """Where it is: changes at one place are one line."""
        if self.shared:
            return (self.side, self.location)
        entry = self.via[0] if self.via else ""
        return (self.side, entry, self.param or "", self.location)
