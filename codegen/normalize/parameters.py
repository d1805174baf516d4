"""OpenAPI parameters → :class:`ir.Parameter` s of an operation.

Path-item parameters, then the operation's; a ``{name}`` of the path that no parameter
declares, a path parameter the path does not name; Python names told apart by location, by
their symbols, then by number (:mod:`.names`); and header parameters that can only take one
value, which become constant headers.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

from codegen import ir
from codegen.errors import Path
from codegen.naming import NameProblem, attribute_name, explicit_name, pascal_case, spelled
from codegen.normalize import common
from codegen.normalize.common import Context
from codegen.normalize.names import Candidate, Renames, numbered_attribute, settle

if TYPE_CHECKING:
    from codegen.normalize.schema import SchemaReader

_ANY = ir.TypeRef("any")
_LOCATIONS = ("path", "query", "header")


class OpenAPIReader(Protocol):
    """What reading parameters needs of the OpenAPI reader."""

    ctx: Context
    schemas: SchemaReader
    renames: Renames

    def deref(self, node: Any, path: Path, section: str) -> tuple[dict[str, Any], Path] | None: ...


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def read_params(reader: OpenAPIReader, shared: list[Any], own: list[Any], path: Path, scope: str,
                op_keys: tuple[str, str], template: str) -> tuple[ir.Parameter, ...]:
    """Path-item parameters, then the operation's; an operation parameter with the same
    name and location replaces the path-item one in place. A ``{name}`` of the path that no
    parameter declares is a string parameter; a path parameter the path does not name is
    left out (both with a warning)."""
    merged: dict[tuple[Any, Any], tuple[dict[str, Any], Path]] = {}
    for items, base in ((shared, (*path[:-1], "parameters")), (own, (*path, "parameters"))):
        local: set[tuple[Any, Any]] = set()
        for index, raw in enumerate(items):
            found = reader.deref(raw, (*base, index), "parameters")
            if found is None:
                continue
            key = (found[0].get("name"), found[0].get("in"))
            if key in local:
                reader.ctx.warn((*base, index), f"parameter {key[0]!r} in {key[1]} is declared twice; "
                              "the last one is used")
            merged[key] = found
            local.add(key)
    read = [(_read_param(reader, param, where, scope, op_keys), where) for param, where in merged.values()]
    in_path = ir.path_params(template)
    kept: list[tuple[tuple[ir.Parameter, bool], Path]] = []
    for entry, where in read:
        if entry is None:
            continue
        param, explicit = entry
        if param.location == "path" and param.wire_name not in in_path:
            reader.ctx.warn(where, f"path parameter {param.wire_name!r} does not appear in the path "
                          f"{template!r}; it is left out")
            continue
        kept.append(((param, explicit), where))
    declared = {param.wire_name for (param, _), _ in kept if param.location == "path"}
    for name in in_path:
        if name not in declared and name:
            reader.ctx.warn(path, f"the path names {{{name}}} but declares no parameter {name!r}; "
                          "it is read as a string")
            py_name = _spelled_attribute(name) or "path_param"
            kept.append(((ir.Parameter(name, py_name, "path", ir.TypeRef("string"), True), False), path))
    return _settle_names(reader, kept)

def _settle_names(reader: OpenAPIReader, params: list[tuple[tuple[ir.Parameter, bool], Path]]) -> tuple[ir.Parameter, ...]:
    """Parameter names derived alike are told apart: by location (``param``,
    ``param_query``), by their symbols (``start_time_lt``), else by number; names written
    explicitly (``x-python-name``, the config) may not collide."""
    winners: dict[str, int] = {}
    for (param, _explicit), _where in params:
        order = _LOCATIONS.index(param.location)
        winners[param.py_name] = min(winners.get(param.py_name, order), order)
    candidates = []
    for index, ((param, explicit), _) in enumerate(params):
        if explicit:
            candidates.append(Candidate(index, param.py_name, (0,), explicit=True))
            continue
        alternatives = []
        if _LOCATIONS.index(param.location) != winners[param.py_name]:
            alternatives.append(f"{param.py_name.rstrip('_')}_{param.location}")
        symbols = _spelled_attribute(param.wire_name)
        if symbols is not None and symbols != param.py_name:
            alternatives.append(symbols)
        rank = (1, _LOCATIONS.index(param.location), param.py_name != param.wire_name,
                symbols is not None and symbols != param.py_name, param.wire_name)
        candidates.append(Candidate(index, param.py_name, rank, alternatives=tuple(alternatives),
                                    spelled=symbols is not None and symbols != param.py_name))
    names, clashes = settle(candidates, numbered_attribute)
    for clash in clashes:
        winner, _ = params[clash.winner.key]
        loser, where = params[clash.loser.key]
        if clash.assigned is None:
            continue  # both explicit: check_signature reports it
        reader.ctx.warn(where, f"parameters {winner[0].wire_name!r} in {winner[0].location} and "
                      f"{loser[0].wire_name!r} in {loser[0].location} both become {clash.natural!r}; "
                      f"{loser[0].wire_name!r} is named {clash.assigned!r}",
                      hint="rename it with x-python-name or names.parameters in codegen.yaml")
    return tuple(
        replace(param, py_name=names.get(index, param.py_name)) for index, ((param, _), _) in enumerate(params)
    )

def _read_param(reader: OpenAPIReader, param: dict[str, Any], path: Path, scope: str,
                op_keys: tuple[str, str]) -> tuple[ir.Parameter, bool] | None:
    """A parameter, and whether its Python name was written explicitly."""
    wire, location = str(param.get("name")), param.get("in")
    ignored = location == "header" and wire.lower() in ("authorization", "accept", "content-type")
    if location == "cookie" or ignored:
        reader.ctx.warn(path, f"{location} parameter {wire!r} is not modelled; skipped")
        return None
    configured = reader.renames.parameter(op_keys, wire, str(location))
    override = param.get("x-python-name")
    try:
        if configured is not None or override:
            py_name, explicit = configured or explicit_name(str(override), "x-python-name"), True
        else:
            py_name, explicit = attribute_name(wire), False
            if py_name in common.CALL_ARGUMENTS:
                py_name += "_"  # `timeout` would hide the argument every call has
    except NameProblem as problem:
        symbols = _spelled_attribute(wire)
        if symbols is None or configured is not None or override:
            reader.ctx.error(path, str(problem))
            return None
        py_name, explicit = symbols, False
    schema_path: Path = (*path, "schema")
    if "schema" in param:
        kind = reader.schemas.type_of(param["schema"], schema_path, scope + pascal_case(wire))
        body = reader.schemas.body(param["schema"], schema_path)
    else:
        reader.ctx.warn(path, f"parameter {wire!r} has no schema; it is read as any value")
        kind, body = _ANY, {}
    body = body if isinstance(body, dict) else {}
    style = param.get("style")
    if style not in (None, "form", "deepObject") and not (style == "simple" and location != "query"):
        reader.ctx.warn((*path, "style"), f"style {style!r} is not supported; sent form-style")
    container = kind.kind in ("array", "map") or isinstance(
        reader.schemas.registry.get(kind.ref or ""), ir.ObjectSchema
    )
    if param.get("explode") is False and location == "query" and container:
        reader.ctx.warn((*path, "explode"), "explode: false (comma-separated values) is not "
                      "supported; values are sent exploded")
    return ir.Parameter(
        wire_name=wire, py_name=py_name, type=kind,
        location=location,  # type: ignore[arg-type]
        required=location == "path" or param.get("required") is True,
        style="deepObject" if style == "deepObject" else "form",
        description=_text(param.get("description")) or _text(body.get("description")),
        default=reader.schemas.default(body, schema_path),
        constraints=reader.schemas.constraints(body, schema_path),
        deprecated=param.get("deprecated") is True,
    ), explicit


def constant_headers(
    reader: OpenAPIReader, params: tuple[ir.Parameter, ...], path: Path
) -> tuple[tuple[ir.Parameter, ...], tuple[ir.FixedHeader, ...]]:
    """Header parameters that can only take one value (``const``, or an enum of one) are
    sent on every request of the operation, not offered as arguments."""
    kept: list[ir.Parameter] = []
    fixed: list[ir.FixedHeader] = []
    for param in params:
        value: Any = None
        if param.location == "header" and param.type.kind == "literal":
            value = param.type.literal
        elif param.location == "header" and param.type.kind == "ref":
            schema = reader.schemas.registry.get(param.type.ref or "")
            if isinstance(schema, ir.EnumSchema) and len(schema.members) == 1:
                value = schema.members[0].value
        if value is None or isinstance(value, bool):
            kept.append(param)
            continue
        fixed.append(ir.FixedHeader(param.wire_name, str(value)))
    return tuple(kept), tuple(fixed)


def _spelled_attribute(wire: str) -> str | None:
    """The attribute name of ``wire`` with its symbols spelled out (``StartTime<`` →
    ``start_time_lt``), or ``None``."""
    try:
        return attribute_name(spelled(wire))
    except NameProblem:
        return None
