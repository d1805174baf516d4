"""How the generated client itself reads a recorded payload.

``verify-responses`` walks a payload against the IR to say *where* it leaves the spec; whether
that matters is the client's to say. So the generated package is imported (from
``generated/<vendor>/<package>``, under a private module name, so that it never meets an
installed copy) and the payload is read by the very objects an operation's call reads its body
with: the ``Result`` of the resource module, at the operation's envelope or item path. Its
pydantic validators decide, lax conversions included (``"1"`` for an integer is read as ``1``).

Two verdicts come out: the default client's, and a ``strict=True`` client's. A package whose
runtime reads leniently by default (a field or item that does not fit keeps its raw value and
is reported as drift; ``_parsing.fit``) gives both; an older runtime only has the strict one,
which is then also the default.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from codegen import ir
from codegen.errors import Diagnostic, SpecError

_loaded: dict[Path, ModuleType] = {}


@dataclass(frozen=True)
class Verdict:
    """What the default client and a ``strict=True`` client do with one payload.

    ``error`` is why the default client fails (``None``: it reads the payload); ``strict`` the
    errors of a strict client, each with its JSON path (empty: it reads the payload exactly);
    ``drift`` what the default client reports while reading it leniently."""

    error: str | None
    strict: tuple[tuple[str, str], ...]
    drift: tuple[str, ...]
    lenient: bool

    @property
    def reads(self) -> bool:
        return self.error is None

    @property
    def reads_strictly(self) -> bool:
        return not self.strict


def json_path(loc: tuple[int | str, ...], value: Any) -> str:
    """A validation error's location as a JSON path into ``value`` (``$.data[0].createdAt``).

    pydantic puts the tag of a union member in the location (``state``, ``failed``,
    ``failed``, ``location``); a step that is not in the payload is such a tag and is skipped,
    except the last one: a missing field."""
    from codegen.drift.verify import child

    path = "$"
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            value, path = value[part], child(path, part)
        elif isinstance(value, dict) and part in value:
            value, path = value[part], child(path, str(part))
        elif last and isinstance(value, dict):
            path = child(path, str(part))
    return path


class GeneratedPackage:
    """A generated package, imported for reading payloads as its client does."""

    def __init__(self, folder: Path, api: ir.Api) -> None:
        self.api = api
        self.folder = folder
        self.module = _import(folder / api.package, api.package)

    def reader(self, resource: str, op: ir.Operation) -> tuple[Any, tuple[str, ...], bool]:
        """The ``Result`` an operation's call reads its body with, where it reads it, and
        whether the value may be missing there."""
        name = f"{self.module.__name__}.resources.{resource}"
        module = sys.modules.get(name) or importlib.import_module(name)
        label = f"{resource}.{op.py_name}"
        for attribute, value in vars(module).items():
            if getattr(value, "name", None) == label and hasattr(value, "method"):
                pagination = getattr(value, "pagination", None)
                suffix = "_ITEMS" if pagination is not None else "_RESULT"
                result = getattr(module, attribute + suffix, None)
                if result is None:
                    break
                if pagination is not None:
                    return result, tuple(pagination.items), bool(
                        getattr(pagination, "items_optional", False)
                    )
                return result, tuple(value.envelope), False
        raise SpecError([Diagnostic(
            "error", str(self.folder), None, (),
            f"the generated package has no operation {label!r}",
            hint="run `codegen generate`; `codegen check` tells whether generated/ is current",
        )])

    def verdict(self, reader: tuple[Any, tuple[str, ...], bool], body: Any) -> Verdict:
        result, envelope, optional = reader
        content = json.dumps(body).encode()
        parsing = sys.modules.get(f"{self.module.__name__}._parsing")
        strict: list[tuple[str, str]] = []
        with warnings.catch_warnings():
            # Drift is what the findings are about; the package's own warnings add nothing.
            warnings.simplefilter("ignore")
            try:
                result.read_json(content, envelope, optional)
            except Exception as exc:  # pydantic.ValidationError of the package's pydantic
                for found in _errors(exc):
                    strict.append((json_path(tuple(found["loc"]), body), str(found["msg"])))
            fit = getattr(parsing, "fit", None) if parsing is not None else None
            if fit is None:  # a runtime without lenient reading: the default client is strict
                error = None if not strict else f"{strict[0][0]}: {strict[0][1]}"
                return Verdict(error, tuple(strict), (), False)
            outcome = fit(result, content, envelope, optional)
        drift = tuple(str(d.message) for d in outcome.drift)
        return Verdict(outcome.error, tuple(strict), drift, True)


def _errors(exc: Exception) -> list[dict[str, Any]]:
    errors = getattr(exc, "errors", None)
    if errors is None:
        raise exc
    found: list[dict[str, Any]] = errors(include_url=False, include_input=False)
    return found


def _import(path: Path, package: str) -> ModuleType:
    """Import the package at ``path`` as ``_codegen_verify_<n>_<package>``: its own module
    names never collide with an installed package of the same name."""
    path = path.resolve()
    if path in _loaded:
        return _loaded[path]
    if not (path / "__init__.py").is_file():
        raise SpecError([Diagnostic(
            "error", str(path), None, (), "no generated package here",
            hint="run `codegen generate`, or name the folder of generated packages with --generated",
        )])
    alias = f"_codegen_verify_{len(_loaded)}_{package}"
    spec = importlib.util.spec_from_file_location(
        alias, path / "__init__.py", submodule_search_locations=[str(path)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[alias] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        del sys.modules[alias]
        raise SpecError([Diagnostic(
            "error", str(path), None, (), f"the generated package does not import: {exc}",
            hint="run `codegen generate`",
        )]) from None
    # What the lenient reading reports goes into the verdict, not to the log.
    logging.getLogger(f"{alias}.drift").disabled = True
    _loaded[path] = module
    return module
