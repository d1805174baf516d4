"""Trim a large OpenAPI document to some of its paths and everything they refer to.

    .venv/bin/python bench/trim_openapi.py IN OUT [--path TEMPLATE ...] [--first N]
        [--depth N] [--schema NAME ...] [--info]

How the test corpus (``tests/corpus/``) was made from vendors' published documents: the kept
paths, every component a kept part refers to (``$ref`` s and discriminator mappings, followed
transitively, or only ``--depth`` references deep), ``--schema`` s kept besides, and every
top-level key but ``paths``, ``components`` and webhooks; the other components are
dropped, and a reference to a dropped one becomes ``{}`` (any value). ``--info`` prints, for
each path, how many components it reaches (to choose paths that keep a document small).
Output is JSON or YAML as OUT is named, keys in their original order.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from codegen.source import load


class _Dumper(yaml.SafeDumper):
    """A string YAML 1.1 would misread (``'on'``, ``'2023-08-16'``) is quoted, as vendors
    quote them; a number is written as Python spells it (``1e-08``, which YAML 1.1 reads as a
    string), as vendors write numbers: a trimmed document reads under YAML 1.1 as wrongly as
    the original did, no more and no less."""


_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


def _float(dumper: yaml.SafeDumper, value: float) -> yaml.ScalarNode:
    if value != value:
        return dumper.represent_scalar("tag:yaml.org,2002:float", ".nan")
    if abs(value) == float("inf"):
        return dumper.represent_scalar("tag:yaml.org,2002:float", ("-" if value < 0 else "") + ".inf")
    return dumper.represent_scalar("tag:yaml.org,2002:float", repr(value))


_Dumper.add_representer(float, _float)


# Top-level keys left out: webhooks are not modelled, and they refer to most schemas.
_DROPPED = ("paths", "components", "webhooks", "x-webhooks")


def _refs(value: Any, out: set[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str) and item.startswith("#/components/"):
                section, _, name = item[len("#/components/") :].partition("/")
                out.add((section, name.split("/")[0].replace("~1", "/").replace("~0", "~")))
            elif key == "mapping" and isinstance(item, dict):
                for target in item.values():
                    if isinstance(target, str):
                        _refs({"$ref": target if target.startswith("#") else f"#/components/schemas/{target}"}, out)
            else:
                _refs(item, out)
    elif isinstance(value, list):
        for item in value:
            _refs(item, out)


def closure(data: dict[str, Any], roots: Any, depth: int | None = None) -> set[tuple[str, str]]:
    """The components ``roots`` refer to, transitively (at most ``depth`` references deep)."""
    components = data.get("components") or {}
    found: set[tuple[str, str]] = set()
    level: set[tuple[str, str]] = set()
    _refs(roots, level)
    hops = 0
    while level and (depth is None or hops < depth):
        found |= level
        following: set[tuple[str, str]] = set()
        for section, name in level:
            _refs((components.get(section) or {}).get(name), following)
        level = following - found
        hops += 1
    return found


def _cut(value: Any, kept: set[tuple[str, str]]) -> Any:
    """``value`` with references to dropped components replaced by any value (``{}``)."""
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/"):
            section, _, name = ref[len("#/components/") :].partition("/")
            if (section, name.split("/")[0].replace("~1", "/").replace("~0", "~")) not in kept:
                return {k: v for k, v in value.items() if k != "$ref"}
        out = {}
        for key, item in value.items():
            if key == "mapping" and isinstance(item, dict):
                item = {k: v for k, v in item.items() if _cut({"$ref": v if str(v).startswith("#") else f"#/components/schemas/{v}"}, kept) != {}}
            out[key] = _cut(item, kept)
        return out
    if isinstance(value, list):
        return [_cut(item, kept) for item in value]
    return value


def trim(data: dict[str, Any], keep: list[str], depth: int | None = None, schemas: tuple[str, ...] = ()) -> dict[str, Any]:
    paths = {template: item for template, item in (data.get("paths") or {}).items() if template in keep}
    roots = [paths, {k: v for k, v in data.items() if k not in _DROPPED},
             [{"$ref": f"#/components/schemas/{name}"} for name in schemas]]
    reached = closure(data, roots, depth)
    components: dict[str, Any] = {}
    for section, entries in (data.get("components") or {}).items():
        if section == "securitySchemes":  # small, and the auth reader needs them
            components[section] = entries
            continue
        kept = {name: entry for name, entry in entries.items() if (section, name) in reached}
        if kept:
            components[section] = kept
    out = {k: v for k, v in data.items() if k not in _DROPPED}
    out["paths"] = paths
    if components:
        out["components"] = components
    return _cut(out, reached) if depth is not None else out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input")
    parser.add_argument("output", nargs="?")
    parser.add_argument("--path", action="append", default=[], help="a path template to keep")
    parser.add_argument("--first", type=int, default=0, help="keep the first N paths too")
    parser.add_argument("--depth", type=int, help="follow references only this deep")
    parser.add_argument("--schema", action="append", default=[], help="a component schema to keep")
    parser.add_argument("--info", action="store_true", help="components reached by each path")
    args = parser.parse_args()
    data = load(args.input).data
    if args.info:
        for template, item in data["paths"].items():
            print(len(closure(data, item)), template)
        return
    keep = list(args.path) + list(data["paths"])[: args.first]
    missing = [p for p in args.path if p not in data["paths"]]
    if missing:
        raise SystemExit(f"no such paths: {missing}")
    out = trim(data, keep, args.depth, tuple(args.schema))
    if args.output.endswith(".json"):
        text = json.dumps(out, indent=2) + "\n"  # non-ASCII text as JSON escapes, as Twilio writes it
    else:
        text = yaml.dump(out, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    Path(args.output).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
