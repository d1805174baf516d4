"""Settling names that collide: schemas, properties, parameters and enum members.

Names we *derive* (a class name from a schema's key or place, an attribute from a wire name, a
member from an enum value) can come out alike. They are told apart here, deterministically and
stably: within each group of candidates that share a name, the one with the best claim keeps
it (a name written explicitly, then one whose source already reads that way, then by its place
or wire name in sorted order), and each other gets the first free alternative (its location,
its symbols spelled out, then ``2``, ``3``, ...). A group depends only on its own members, so
adding an unrelated schema, property or value never renames anything. Two *explicit* names
that collide are an error: only the writer can choose.

The schema reader registers schemas under their place in the document (their ``origin``) and
references them by it; :func:`settle_schemas` then gives every schema its class name and
rewrites the references.
"""

from __future__ import annotations

import builtins
import keyword
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any, TypeVar

from codegen import ir
from codegen.naming import RESERVED_CLASS_NAMES


@dataclass(frozen=True)
class Candidate:
    """One name to settle. ``rank`` orders a group's claims (lowest keeps the name);
    ``alternatives`` are tried, in order, before a number. With ``spelled``, the alternative
    is the name with its symbols spelled out, which a contested name takes even where it has
    the best claim (``Etc/GMT+0`` and ``Etc/GMT-0`` are both spelled out: neither is plain
    ``ETC_GMT_0``)."""

    key: Any
    natural: str
    rank: tuple[Any, ...]
    explicit: bool = False
    alternatives: tuple[str, ...] = ()
    spelled: bool = False


@dataclass(frozen=True)
class Clash:
    """``loser`` could not have ``natural``, which ``winner`` keeps; it is named ``assigned``
    (``None``: both names were explicit, an error)."""

    loser: Candidate
    winner: Candidate
    natural: str
    assigned: str | None


def settle(
    candidates: Iterable[Candidate], numbered: Callable[[str, int], str]
) -> tuple[dict[Any, str], list[Clash]]:
    """A name for every candidate's key, and the clashes that renamed one."""
    items = list(candidates)
    taken = {c.natural for c in items}
    groups: dict[str, list[Candidate]] = {}
    for candidate in items:
        groups.setdefault(candidate.natural, []).append(candidate)
    names: dict[Any, str] = {}
    clashes: list[Clash] = []
    for natural in sorted(groups):
        first, *rest = sorted(groups[natural], key=lambda c: c.rank)
        names[first.key] = natural
        own = [a for a in first.alternatives if a != natural and a not in taken]
        if rest and first.spelled and not first.explicit and own:
            names[first.key] = own[0]
            taken.add(own[0])
            clashes.append(Clash(first, rest[0], natural, own[0]))
        for candidate in rest:
            if candidate.explicit:
                clashes.append(Clash(candidate, first, natural, None))
                continue
            choice = next((alt for alt in candidate.alternatives if alt not in taken), None)
            number = 2
            while choice is None:
                if numbered(natural, number) not in taken:
                    choice = numbered(natural, number)
                number += 1
            taken.add(choice)
            names[candidate.key] = choice
            clashes.append(Clash(candidate, first, natural, choice))
    return names, clashes


def numbered_attribute(name: str, number: int) -> str:
    return f"{name.rstrip('_')}_{number}"


def numbered_class(name: str, number: int) -> str:
    return f"{name.rstrip('_')}{number}"


@dataclass
class Renames:
    """Python names a config gives (``names`` in ``codegen.yaml``), already checked, and the
    ones a lookup found (a rename that matches nothing is an error of the config)."""

    schemas: dict[str, str] = field(default_factory=dict)
    properties: dict[str, dict[str, str]] = field(default_factory=dict)
    parameters: dict[str, dict[str, str]] = field(default_factory=dict)
    enum_members: dict[str, dict[str, str]] = field(default_factory=dict)
    used: set[tuple[str, ...]] = field(default_factory=set)

    def schema(self, key: str) -> str | None:
        return self._get(("schemas", key), self.schemas.get(key))

    def property(self, schema: str, wire: str) -> str | None:
        return self._get(("properties", schema, wire), self.properties.get(schema, {}).get(wire))

    def parameter(self, operations: Iterable[str], wire: str, location: str) -> str | None:
        """A parameter's name, by operation (its id or ``METHOD /path``) and by wire name,
        or ``<location>:<wire name>`` where two parameters share a wire name."""
        for operation in operations:
            names = self.parameters.get(operation, {})
            for key in (f"{location}:{wire}", wire):
                if key in names:
                    return self._get(("parameters", operation, key), names[key])
        return None

    def member(self, schema: str, value: object) -> str | None:
        key = str(value).lower() if isinstance(value, bool) else str(value)
        return self._get(("enum_members", schema, key), self.enum_members.get(schema, {}).get(key))

    def _get(self, where: tuple[str, ...], found: str | None) -> str | None:
        if found is not None:
            self.used.add(where)
        return found


# -- schemas ---------------------------------------------------------------------------------

_BUILTINS = frozenset(dir(builtins))


def safe_class_name(name: str) -> str:
    """A derived class name that would hide a builtin or a name of the generated module gets a
    trailing underscore (``Tag`` → ``Tag_``), as attribute names do."""
    if name in RESERVED_CLASS_NAMES or name in _BUILTINS or keyword.iskeyword(name):
        return name + "_"
    return name


@dataclass(frozen=True)
class SchemaClaim:
    """How strong a schema's claim on its natural name is."""

    explicit: bool  # renamed in the config
    component: bool  # a named schema (``components.schemas.<key>``)
    exact: bool  # its key already is the class name


def settle_schemas(
    registry: dict[str, ir.Schema], claims: dict[str, SchemaClaim]
) -> tuple[dict[str, str], list[Clash]]:
    """Class names for the registry's schemas (keyed by origin); each schema's ``name`` is its
    natural name."""
    candidates = []
    for origin, schema in registry.items():
        claim = claims.get(origin, SchemaClaim(False, False, False))
        rank = (not claim.explicit, not claim.component, not claim.exact, origin)
        natural = schema.name if claim.explicit else safe_class_name(schema.name)
        candidates.append(Candidate(origin, natural, rank, claim.explicit))
    return settle(candidates, numbered_class)


T = TypeVar("T")


def rename_refs(value: T, names: dict[str, str], fallback: Callable[[ir.TypeRef], ir.TypeRef]) -> T:
    """``value`` (any IR value) with every ``TypeRef.ref`` renamed through ``names``; a ref
    that ``names`` does not know is replaced by ``fallback(ref)``."""
    memo: dict[int, Any] = {}

    def walk(item: Any) -> Any:
        if isinstance(item, ir.TypeRef):
            found = memo.get(id(item))
            if found is not None:
                return found
            new = item
            if item.ref is not None:
                new = replace(item, ref=names[item.ref]) if item.ref in names else fallback(item)
            if item.items is not None and new.kind == item.kind:
                inner = walk(item.items)
                if inner is not item.items:
                    new = replace(new, items=inner)
            if item.variants and new.kind == item.kind:
                variants = tuple(walk(v) for v in item.variants)
                if any(a is not b for a, b in zip(variants, item.variants, strict=True)):
                    new = replace(new, variants=variants)
            memo[id(item)] = new
            return new
        if isinstance(item, ir.UnionVariant):
            return replace(item, ref=names[item.ref]) if item.ref in names else item
        if isinstance(item, tuple):
            out = tuple(walk(v) for v in item)
            return item if all(a is b for a, b in zip(out, item, strict=True)) else out
        if is_dataclass(item) and not isinstance(item, type):
            changes = {}
            for f in fields(item):
                current = getattr(item, f.name)
                if isinstance(current, str | int | float | bool) or current is None:
                    continue
                new_value = walk(current)
                if new_value is not current:
                    changes[f.name] = new_value
            return replace(item, **changes) if changes else item
        return item

    result: T = walk(value)
    return result
