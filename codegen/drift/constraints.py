"""Value constraints of two versions compared: tightened (a value valid before may now be
rejected) or loosened (every value valid before still is).

Lower bounds (``minimum``/``exclusiveMinimum``, ``minLength``, ``minItems``) tighten when they
appear or rise; upper bounds when they appear or fall; an exclusive bound is tighter than an
inclusive one of the same value. A changed pattern counts as tightened: nobody can tell
whether it accepts every value the old one did.
"""

from __future__ import annotations

from codegen import ir
from codegen.drift.changes import Change, Side

Bound = tuple[float, bool]  # value, exclusive


def _lower(c: ir.Constraints) -> Bound | None:
    found = [
        (float(v), e) for v, e in ((c.minimum, False), (c.exclusive_minimum, True)) if v is not None
    ]
    return max(found) if found else None


def _upper(c: ir.Constraints) -> Bound | None:
    found = [
        (float(v), e) for v, e in ((c.maximum, False), (c.exclusive_maximum, True)) if v is not None
    ]
    return min(found, key=lambda b: (b[0], not b[1])) if found else None


def _show(bound: Bound | None) -> str:
    if bound is None:
        return "none"
    value = int(bound[0]) if bound[0].is_integer() else bound[0]
    return f"{value} (exclusive)" if bound[1] else str(value)


def _bound_change(
    old: Bound | None, new: Bound | None, lower: bool, what: str, side: Side, where: str
) -> list[Change]:
    if old == new:
        return []
    if old is None or new is None:
        tighter = old is None
    elif lower:
        tighter = new[0] > old[0] or (new[0] == old[0] and new[1])
    else:
        tighter = new[0] < old[0] or (new[0] == old[0] and new[1])
    kind = "constraint_tightened" if tighter else "constraint_loosened"
    text = f"{what} {_show(old)} → {_show(new)}"
    return [Change(kind, side, where, text, old=_value(old), new=_value(new))]


def _value(bound: Bound | None) -> int | float | None:
    if bound is None:
        return None
    return int(bound[0]) if bound[0].is_integer() else bound[0]


def constraint_changes(
    old: ir.Constraints, new: ir.Constraints, side: Side, where: str
) -> list[Change]:
    """Ranges, lengths, item counts and patterns: tightened or loosened."""
    changes = _bound_change(_lower(old), _lower(new), True, "minimum", side, where)
    changes += _bound_change(_upper(old), _upper(new), False, "maximum", side, where)
    for name in ("min_length", "max_length", "min_items", "max_items"):
        before, after = getattr(old, name), getattr(new, name)
        changes += _bound_change(
            None if before is None else (float(before), False),
            None if after is None else (float(after), False),
            name.startswith("min"),
            name.replace("_", " "),
            side,
            where,
        )
    if old.pattern != new.pattern:
        if new.pattern is None:
            changes.append(
                Change("constraint_loosened", side, where, "pattern removed", old=old.pattern)
            )
        else:
            text = "pattern added" if old.pattern is None else "pattern changed"
            changes.append(
                Change(
                    "constraint_tightened",
                    side,
                    where,
                    f"{text}: {new.pattern}",
                    old=old.pattern,
                    new=new.pattern,
                )
            )
    return changes
