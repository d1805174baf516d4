"""What a vendor's protocol says beyond its operations, read the same way from a vendor spec
and from a ``codegen.yaml``: fixed headers, rate-limit signals, and the success predicate of
APIs that put errors inside 2xx bodies.

Each reader takes the raw mapping (or list), reports every mistake at its path, and returns
IR values; a part that is wrong is left out, so that one run reports everything.
"""

from __future__ import annotations

from typing import Any

from codegen import ir
from codegen.errors import Path, format_path
from codegen.normalize.common import HEADER_NAME, Context, walk_type

# Headers the client sets itself: a fixed value for one of them would be overwritten, or
# would break the request.
_CLIENT_HEADERS = frozenset({"content-type", "content-length", "host", "user-agent"})


def _unknown_keys(ctx: Context, raw: dict[str, Any], path: Path, allowed: set[str]) -> None:
    for key in raw:
        if key not in allowed | {"research"}:
            ctx.error((*path, key), f"unknown key {key!r}", hint="expected " + ", ".join(sorted(allowed)))


def _header(ctx: Context, value: Any, path: Path) -> str | None:
    if not isinstance(value, str) or not HEADER_NAME.match(value):
        ctx.error(path, f"{value!r} is not a valid HTTP header name")
        return None
    return value


def _dotted(ctx: Context, value: Any, path: Path) -> tuple[str, ...] | None:
    if not isinstance(value, str) or not value or not all(value.split(".")):
        ctx.error(path, f"expected a dotted path of wire names such as 'error.code', got {value!r}")
        return None
    return tuple(value.split("."))


def fixed_headers(ctx: Context, raw: Any, path: Path, taken: dict[str, str]) -> tuple[ir.FixedHeader, ...]:
    """A list of ``{name, value}``: headers sent with a constant value. ``taken`` maps the
    lower-case names already set (the auth header, the client headers) to what sets them."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        ctx.error(path, "expected a list of {name, value} mappings")
        return ()
    out: list[ir.FixedHeader] = []
    for index, item in enumerate(raw):
        where: Path = (*path, index)
        if not isinstance(item, dict):
            ctx.error(where, "expected a mapping with 'name' and 'value'")
            continue
        _unknown_keys(ctx, item, where, {"name", "value"})
        name = _header(ctx, item.get("name"), (*where, "name"))
        value = item.get("value")
        if not isinstance(value, str) or not value.isprintable() or not value.isascii():
            ctx.error((*where, "value"), "a header value must be printable ASCII text", hint="quote numbers and dates")
            continue
        if name is None:
            continue
        if name.lower() in _CLIENT_HEADERS:
            ctx.error((*where, "name"), f"the client sets {name!r} itself")
        elif name.lower() in taken:
            ctx.error((*where, "name"), f"header {name!r} is already set by {taken[name.lower()]}")
        taken[name.lower()] = format_path(where)
        out.append(ir.FixedHeader(name, value))
    return tuple(out)


def rate_limit(ctx: Context, raw: Any, path: Path) -> ir.RateLimit:
    """``{signals: [{status, header, value}], reset_header}``."""
    if raw is None:
        return ir.RateLimit()
    if not isinstance(raw, dict):
        ctx.error(path, "expected a mapping with 'signals' and/or 'reset_header'")
        return ir.RateLimit()
    _unknown_keys(ctx, raw, path, {"signals", "reset_header"})
    reset = _header(ctx, raw["reset_header"], (*path, "reset_header")) if "reset_header" in raw else None
    signals: list[ir.RateLimitSignal] = []
    listed = raw.get("signals") or []
    if not isinstance(listed, list):
        ctx.error((*path, "signals"), "expected a list of {status, header, value} mappings")
        listed = []
    for index, item in enumerate(listed):
        where: Path = (*path, "signals", index)
        if not isinstance(item, dict):
            ctx.error(where, "expected a mapping with 'status' and 'header'")
            continue
        _unknown_keys(ctx, item, where, {"status", "header", "value"})
        status = item.get("status")
        if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
            ctx.error((*where, "status"), f"expected an error status from 400 to 599, got {status!r}")
            continue
        header = _header(ctx, item.get("header"), (*where, "header"))
        value = item.get("value")
        if value is not None and not isinstance(value, str):
            ctx.error((*where, "value"), f"expected the header's value as a string, got {value!r}", hint="quote it: '0'")
            continue
        if header is not None:
            signals.append(ir.RateLimitSignal(status, header.lower(), value))
    return ir.RateLimit(tuple(signals), reset.lower() if reset else None)


def success(
    ctx: Context, raw: Any, path: Path, registry: dict[str, ir.Schema], bodies: list[ir.TypeRef]
) -> ir.BodySuccess | None:
    """``{field, value, code, message, statuses}``: the success predicate of a 2xx body.
    ``field`` must be a field of some success body in ``bodies``."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        ctx.error(path, "expected a mapping with 'field' and 'value'")
        return None
    _unknown_keys(ctx, raw, path, {"field", "value", "code", "message", "statuses"})
    for key in ("field", "value"):
        if key not in raw:
            ctx.error(path, f"missing required key {key!r}")
    field = _dotted(ctx, raw.get("field"), (*path, "field")) if "field" in raw else None
    value = raw.get("value")
    if isinstance(value, dict | list):
        ctx.error((*path, "value"), "expected a scalar: true, a number or a string")
        return None
    if field is not None and bodies and not any(walk_type(registry, body, field) for body in bodies):
        ctx.error((*path, "field"), f"no success response has a field {raw['field']!r}")
    code = _dotted(ctx, raw["code"], (*path, "code")) if "code" in raw else None
    message = _dotted(ctx, raw["message"], (*path, "message")) if "message" in raw else None
    statuses: list[tuple[str, int]] = []
    mapping = raw.get("statuses") or {}
    if not isinstance(mapping, dict):
        ctx.error((*path, "statuses"), "expected a mapping from the vendor's error codes to HTTP statuses")
        mapping = {}
    if mapping and code is None:
        ctx.error((*path, "statuses"), "statuses need 'code': where the body gives the error code")
    for key, status in mapping.items():
        if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
            ctx.error((*path, "statuses", key), f"expected an error status from 400 to 599, got {status!r}")
            continue
        statuses.append((str(key), status))
    if field is None:
        return None
    return ir.BodySuccess(field, value, code, message, tuple(sorted(statuses)))
