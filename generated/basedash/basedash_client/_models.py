"""The base of every model: forward-compatible pydantic models and open enums.

Responses change before documentation does. A field the model does not know is kept (read it
with ``model.model_extra``); an enum value it does not know is accepted as a new member of the
open enum; a union variant it does not know becomes an :class:`UnknownVariant`. None of them
fails: each is reported as drift (:mod:`._drift`: logged once per model and name, and passed
to the client's ``on_drift`` hook), never as a warning or an exception.
"""

# No ``from __future__ import annotations`` here: pydantic before 2.13 resolves the annotation
# of ``__pydantic_extra__`` in the module of each subclass, where these names are not imported.

from collections.abc import Callable, Iterable
from enum import Enum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    ValidationInfo,
)
from pydantic_core import to_jsonable_python

from ._drift import report

__all__ = [
    "UNKNOWN",
    "ApiModel",
    "OpenEnum",
    "OpenIntEnum",
    "StrInt",
    "UnknownVariant",
    "by_present_key",
    "by_property",
]

UNKNOWN = "__unknown__"
"""The tag of the variant an unknown union member is read into."""


def _report_unknown_field(key: str, info: ValidationInfo) -> str:
    # Validates the key of each field a model does not declare, so it costs nothing when
    # every field is known. The core config's title is the model's name.
    model = str(info.config.get("title", "")) if info.config else ""
    if model != UnknownVariant.__name__:
        report(
            "unknown_field",
            model,
            key,
            f"{model} received the unknown field {key[:100]!r}; it is kept in model_extra",
        )
    return key


class ApiModel(BaseModel):
    """Base of every model: wire names as aliases, unknown fields kept."""

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        use_attribute_docstrings=True,
        protected_namespaces=(),
    )

    __pydantic_extra__: dict[Annotated[str, AfterValidator(_report_unknown_field)], Any] = Field(
        init=False
    )


class UnknownVariant(ApiModel):
    """A union member of a kind this client does not know; every field is in ``model_extra``."""


class OpenEnum(str, Enum):
    """A string enum that accepts values it does not list.

    An unknown value becomes a member of its own (``Status("FAILED").value == "FAILED"``) and
    compares equal to its string; ``is_known`` tells it apart.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        report(
            "unknown_enum_value",
            cls.__name__,
            value,
            f"{cls.__name__} received the unknown value {value[:100]!r}",
        )
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        return self._name_ in type(self).__members__

    def __str__(self) -> str:
        return str(self.value)


class OpenIntEnum(int, Enum):
    """An integer enum that accepts values it does not list (see :class:`OpenEnum`)."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        report(
            "unknown_enum_value",
            cls.__name__,
            str(value),
            f"{cls.__name__} received the unknown value {value!r}",
        )
        member = int.__new__(cls, value)
        member._name_ = f"VALUE_{value}"
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        return self._name_ in type(self).__members__


StrInt = Annotated[int, PlainSerializer(str, return_type=str, when_used="json")]
"""An integer the API carries as a JSON string (int64 in proto3 JSON)."""


def _lookup(value: Any, key: str) -> Any:
    if isinstance(value, dict):
        return value.get(key)
    return getattr(value, key, None)


def by_property(prop: str, tags: Iterable[str], union: str) -> Discriminator:
    """Pick a union member by the value of the wire property ``prop``."""
    known = frozenset(tags)

    def tag(value: Any) -> str:
        found = _lookup(value, prop)
        if isinstance(found, Enum):
            found = found.value
        if found in known:
            return str(found)
        shown = str(found)[:100]
        report(
            "unknown_variant",
            union,
            shown,
            f"{union} received the unknown {prop} {shown!r}; it is kept as UnknownVariant",
        )
        return UNKNOWN

    return Discriminator(tag)


def by_present_key(keys: Iterable[str], union: str) -> Discriminator:
    """Pick a union member by which of ``keys`` is present (a protobuf ``oneof``)."""
    ordered = tuple(keys)
    known = frozenset(ordered)

    def tag(value: Any) -> str:
        if isinstance(value, dict):
            if len(value) == 1:
                (only,) = value
                if only in known:
                    return str(only)
            for key in ordered:
                if key in value:
                    return key
        else:
            for key in ordered:
                if getattr(value, key, None) is not None:
                    return key
        present = ",".join(sorted(value)[:10]) if isinstance(value, dict) else ""
        report(
            "unknown_variant",
            union,
            present,
            f"{union} received none of its known keys ({present[:100] or 'empty'}); "
            "it is kept as UnknownVariant",
        )
        return UNKNOWN

    return Discriminator(tag)


def dump(value: Any) -> Any:
    """A request value as JSON-ready data, as the models serialize their own fields: models
    with wire names and without unset fields, dates and date-times as ISO 8601 text (UTC as
    ``Z``), enums as their values, tuples as lists. ``None`` in a mapping the caller built is
    kept (an explicit null)."""
    return to_jsonable_python(value, by_alias=True, exclude_none=True)


Validator = Callable[[Any], Any]
