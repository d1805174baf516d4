"""Reading response bodies into their types: strictly, or leniently (the default).

A body is validated straight from its bytes, in one pass. When it does not fit, a lenient
client reads it once more with a lenient validator built from the same type: a field or list
item that does not fit keeps its raw value, and a missing required field reads as ``None``,
each reported as drift (:mod:`._drift`). Only a body that does not fit even so (not JSON, or
not the shape the result is read from) fails. ``strict=True`` keeps the first failure.

:func:`fit` runs exactly this reading on a recorded payload, so that a tool checking payloads
reaches the verdict the client reaches.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Generic, TypeVar

from pydantic import TypeAdapter, ValidationError
from pydantic_core import SchemaValidator, core_schema

from ._drift import Drift, collecting, report

__all__ = ["Fit", "Result", "error_path", "fit"]

T = TypeVar("T")


class Result(Generic[T]):
    """The type a response body is read into; validators are built on first use."""

    def __init__(self, tp: Any) -> None:
        self._type = tp
        self._validators: dict[tuple[tuple[str, ...], bool, bool], SchemaValidator] = {}

    @cached_property
    def adapter(self) -> TypeAdapter[T]:
        return TypeAdapter(self._type)

    def validate(self, value: Any) -> T:
        return self.adapter.validate_python(value)

    def read_json(
        self,
        content: bytes,
        envelope: tuple[str, ...] = (),
        optional: bool = False,
        *,
        strict: bool = True,
        drift: list[Drift] | None = None,
    ) -> Any:
        """Decode a JSON body that holds this type at ``envelope`` (wire names), validating as
        it decodes; the rest of the body is returned as plain decoded JSON. ``optional``: the
        value may be missing or null. Not ``strict``: what does not fit is kept raw (see the
        module docstring). Drift found is appended to ``drift``. Raises
        :class:`pydantic.ValidationError`, of type ``json_invalid`` when the body is not JSON."""
        with collecting() as found:
            try:
                value = self._read(content, envelope, optional, lenient=False)
            except ValidationError as exc:
                if strict or _is_not_json(exc):
                    raise
                found.clear()
                value = self._read(content, envelope, optional, lenient=True)
        if drift is not None:
            drift.extend(found)
        return value

    def read_python(
        self, value: Any, *, strict: bool = True, drift: list[Drift] | None = None
    ) -> T:
        """Validate decoded JSON as this type, strictly or leniently as :meth:`read_json` does
        (drift found is appended to ``drift``). Raises :class:`pydantic.ValidationError`."""
        with collecting() as found:
            try:
                result: T = self._validator((), False, lenient=False).validate_python(value)
            except ValidationError:
                if strict:
                    raise
                found.clear()
                result = self._validator((), False, lenient=True).validate_python(value)
        if drift is not None:
            drift.extend(found)
        return result

    def _validator(
        self, envelope: tuple[str, ...], optional: bool, lenient: bool
    ) -> SchemaValidator:
        validator = self._validators.get((envelope, optional, lenient))
        if validator is None:
            schema: core_schema.CoreSchema = self.adapter.core_schema
            if lenient:
                validator = _lenient_validator(schema, envelope, optional)
            else:
                validator = SchemaValidator(_enveloped(schema, envelope, optional))
            self._validators[envelope, optional, lenient] = validator
        return validator

    def _read(
        self, content: bytes, envelope: tuple[str, ...], optional: bool, lenient: bool
    ) -> Any:
        validator = self._validator(envelope, optional, lenient)
        with _collector_paused():
            return validator.validate_json(content)


def _enveloped(
    schema: core_schema.CoreSchema, envelope: tuple[str, ...], optional: bool
) -> core_schema.CoreSchema:
    if not envelope:
        return core_schema.nullable_schema(schema) if optional else schema
    if optional:
        schema = core_schema.nullable_schema(schema)
    required = not optional
    for name in reversed(envelope):
        member = core_schema.typed_dict_field(schema, required=required)
        schema = core_schema.typed_dict_schema({name: member}, extra_behavior="allow")
        required = True
    return schema


def _is_not_json(exc: ValidationError) -> bool:
    return any(error["type"] == "json_invalid" for error in exc.errors(include_url=False))


def error_path(loc: tuple[int | str, ...]) -> str:
    """A validation error's location as a JSON path: ``data[3].createdAt``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(body)"


# -- the lenient validator ----------------------------------------------------------------------


def lenient_schema(schema: Any) -> Any:
    """A copy of a pydantic core schema in which every model field, list item and map value
    that does not fit keeps its raw value (and a missing required field reads as ``None``),
    each reported as drift. Members of plain unions are left as they are, so that a lenient
    member can never win over one that fits; the field holding the union is lenient."""
    return _Lenient().walk(schema, "")


_building = threading.Lock()


def _lenient_validator(schema: Any, envelope: tuple[str, ...], optional: bool) -> SchemaValidator:
    """The validator of :func:`lenient_schema` (``schema``) at ``envelope``.

    pydantic-core reuses the validator a model class already has wherever a schema names the
    class as complete, which would ignore the lenient copy; the classes are marked incomplete
    for the moment the validator is built (the validator keeps the classes, not the mark).
    """
    lenient = _Lenient()
    copied = _enveloped(lenient.walk(schema, ""), envelope, optional)
    with _building:
        marks = [(cls, cls.__dict__.get("__pydantic_complete__")) for cls in lenient.classes]
        try:
            for cls, _ in marks:
                type.__setattr__(cls, "__pydantic_complete__", False)
            return SchemaValidator(copied)
        finally:
            for cls, mark in marks:
                type.__setattr__(cls, "__pydantic_complete__", mark)


class _Lenient:
    def __init__(self) -> None:
        self.classes: list[type] = []

    def walk(self, node: Any, model: str) -> Any:
        if isinstance(node, list):
            return [self.walk(item, model) for item in node]
        if not isinstance(node, dict):
            return node
        kind = node.get("type")
        if kind == "union":
            return node
        copied = dict(node)
        if kind == "model":
            cls = node.get("cls")
            if isinstance(cls, type) and cls not in self.classes:
                self.classes.append(cls)
            model = getattr(cls, "__name__", model)
        for key, value in node.items():
            if key == "fields" and kind in ("model-fields", "typed-dict"):
                copied[key] = {
                    name: self._field(field, model, name) for name, field in value.items()
                }
            elif key in ("items_schema", "values_schema") and kind in ("list", "dict"):
                copied[key] = _keep_raw(self.walk(value, model), model, "[]")
            elif key != "cls":
                copied[key] = self.walk(value, model)
        return copied

    def _field(self, field: dict[str, Any], model: str, name: str) -> dict[str, Any]:
        field = dict(field)
        inner = field["schema"]
        if inner.get("type") == "default":
            inner = dict(inner)
            inner["schema"] = _keep_raw(self.walk(inner["schema"], model), model, name)
        elif field.get("type") == "model-field":
            inner = core_schema.with_default_schema(
                _keep_raw(self.walk(inner, model), model, name),
                default_factory=_missing(model, name),
            )
        else:
            inner = _keep_raw(self.walk(inner, model), model, name)
        field["schema"] = inner
        return field


def _keep_raw(schema: Any, model: str, name: str) -> Any:
    where = f"{model}.{name}" if name != "[]" else f"an item in {model or 'the body'}"

    def validate(value: Any, handler: core_schema.ValidatorFunctionWrapHandler) -> Any:
        try:
            return handler(value)
        except ValidationError as exc:
            problem = exc.errors(include_url=False, include_input=False)[0]["msg"]
            report(
                "mistyped",
                model,
                name,
                f"{where} does not fit its type ({problem}); the raw value is kept",
            )
            return value

    return core_schema.no_info_wrap_validator_function(validate, schema)


def _missing(model: str, name: str) -> Any:
    def default() -> None:
        report("missing", model, name, f"{model}.{name} is required but missing; it reads as None")

    return default


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause CPython's cycle collector while one body is decoded.

    Decoding a page makes thousands of model objects that all stay alive until the page is
    dropped; the collector would scan them, and every other object in the process, again and
    again while they are being made, and once more after. A collector that was already
    disabled stays disabled. When the process has frozen nothing itself (``gc.freeze()``),
    the objects just made are moved to the oldest generation in one step (a freeze and an
    unfreeze, both constant time), where they are freed by reference counting when the page
    goes, without being scanned while the walk goes on.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        gc.enable()


# -- checking a payload as the client reads it ---------------------------------------------------


@dataclass(frozen=True)
class Fit:
    """How the client reads one payload.

    ``error`` is why it fails even leniently (``None``: the client reads it); ``strict_errors``
    are why ``strict=True`` fails on it (empty: it fits exactly); ``drift`` is what a lenient
    client reports; ``value`` is what it returns (``None`` when it fails).
    """

    value: Any
    drift: tuple[Drift, ...]
    strict_errors: tuple[str, ...]
    error: str | None

    @property
    def fits(self) -> bool:
        """Whether a lenient client (the default) reads the payload without an error."""
        return self.error is None

    @property
    def fits_strictly(self) -> bool:
        """Whether ``strict=True`` reads it without an error."""
        return not self.strict_errors


def fit(
    result: Result[Any] | Any,
    content: bytes | str,
    envelope: tuple[str, ...] = (),
    optional: bool = False,
) -> Fit:
    """Read ``content`` (a JSON body) as the client reads the body of an operation whose result
    is ``result`` (a :class:`Result`, or the type itself) at ``envelope``; for a list
    operation, ``result`` is the list of its items and ``envelope`` the pagination's item path.
    """
    reader = result if isinstance(result, Result) else Result(result)
    body = content.encode() if isinstance(content, str) else content
    try:
        reader.read_json(body, envelope, optional, strict=True)
        strict_errors: tuple[str, ...] = ()
    except ValidationError as exc:
        strict_errors = tuple(_describe(exc))
    found: list[Drift] = []
    try:
        value = reader.read_json(body, envelope, optional, strict=False, drift=found)
    except ValidationError as exc:
        return Fit(None, tuple(found), strict_errors, "; ".join(_describe(exc)))
    return Fit(value, tuple(found), strict_errors, None)


def _describe(exc: ValidationError) -> Iterator[str]:
    for error in exc.errors(include_url=False, include_input=False):
        yield f"{error_path(tuple(error['loc']))}: {error['msg']}"
