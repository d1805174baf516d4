"""Spec normalizers: every input format becomes one :class:`codegen.ir.Api`.

A vendor folder under ``specs/`` holds either ``spec.yaml`` (our vendor format, read by
:mod:`.vendor`) or ``openapi.yaml`` with an optional ``codegen.yaml`` beside it (read by
:mod:`.openapi`). :func:`load_vendor` picks the reader; nothing downstream knows which it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from codegen.errors import Diagnostic, SpecError

if TYPE_CHECKING:  # imported where used: a regeneration served by the build cache needs neither
    from codegen import ir
    from codegen.source import SourceDoc

VENDOR_SPEC = "spec.yaml"
OPENAPI_SPEC = "openapi.yaml"
OPENAPI_CONFIG = "codegen.yaml"


@dataclass(frozen=True)
class Loaded:
    api: ir.Api
    warnings: tuple[Diagnostic, ...]
    inputs: tuple[str, ...]


def spec_files(folder: str) -> tuple[str, ...]:
    """The input files of one vendor folder, spec first."""
    vendor = os.path.join(folder, VENDOR_SPEC)
    if os.path.exists(vendor):
        return (vendor,)
    openapi = os.path.join(folder, OPENAPI_SPEC)
    if os.path.exists(openapi):
        config = os.path.join(folder, OPENAPI_CONFIG)
        return (openapi, config) if os.path.exists(config) else (openapi,)
    raise SpecError(
        [Diagnostic("error", folder, None, (), f"no {VENDOR_SPEC} or {OPENAPI_SPEC} in this folder")]
    )


def read_documents(docs: tuple[SourceDoc, ...], *, name: str | None = None) -> tuple[ir.Api, list[Diagnostic]]:
    """Normalize already-parsed documents: one vendor spec, or an OpenAPI document and its
    optional config. The format is told by the document itself."""
    first = docs[0]
    if isinstance(first.data, dict) and "openapi" in first.data:
        from codegen.normalize.openapi import read_openapi

        return read_openapi(first, docs[1] if len(docs) > 1 else None, name=name)
    if isinstance(first.data, dict) and "swagger" in first.data:
        raise first.error(("swagger",), "Swagger 2.0 is not supported", hint="convert it to OpenAPI 3")
    from codegen.normalize.vendor import read_vendor_spec

    return read_vendor_spec(first)


def load_files(files: tuple[str, ...], *, name: str | None = None) -> Loaded:
    from codegen.source import load

    docs = tuple(load(f) for f in files)
    api, diagnostics = read_documents(docs, name=name)
    return Loaded(replace(api, sources=files), tuple(diagnostics), files)


def load_vendor(folder: str) -> Loaded:
    return load_files(spec_files(folder), name=os.path.basename(os.path.normpath(folder)))


def load_text(texts: tuple[tuple[str, str], ...], *, name: str | None = None) -> Loaded:
    """Normalize documents given as ``(name, text)`` pairs (a git revision, a download)."""
    from codegen.source import parse

    docs = tuple(parse(text, file) for file, text in texts)
    api, diagnostics = read_documents(docs, name=name)
    return Loaded(api, tuple(diagnostics), tuple(file for file, _ in texts))
