"""The pipeline: spec folders → IR → rendered packages with their manifests.

:func:`build` does everything but writing, so ``generate`` and ``check`` share it: one writes
the result into ``generated/``, the other compares it with what is there.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from codegen import __version__, ir
from codegen.errors import Diagnostic, SpecError
from codegen.normalize import Loaded, load_files, load_vendor, spec_files
from codegen.render.renderer import TEMPLATES, render_package

MANIFEST = "codegen-manifest.json"
CODEGEN_SOURCE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Package:
    """One rendered package: its files (manifest included) by path relative to its folder."""

    vendor_id: str
    api: ir.Api
    files: dict[str, str]
    warnings: tuple[Diagnostic, ...]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _tree_hash(root: Path, pattern: str) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(_sha256(path.read_bytes()).encode() + b"\n")
    return digest.hexdigest()


@cache
def templates_hash() -> str:
    return _tree_hash(TEMPLATES, "*.jinja")


# What shapes the output: everything but the drift checks and the command line.
_NOT_RENDERING = ("drift/", "cli.py", "__main__.py")


@cache
def generator_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted(CODEGEN_SOURCE.rglob("*.py")):
        name = path.relative_to(CODEGEN_SOURCE).as_posix()
        if "__pycache__" in path.parts or name.startswith(_NOT_RENDERING):
            continue
        digest.update(name.encode() + b"\0" + _sha256(path.read_bytes()).encode() + b"\n")
    return digest.hexdigest()


def input_hashes(inputs: tuple[str, ...]) -> dict[str, str]:
    """Spec and config hashes, keyed by ``<folder>/<file>`` so the manifest does not depend on
    where the checkout lives."""
    out: dict[str, str] = {}
    for path in inputs:
        key = f"{Path(path).parent.name}/{Path(path).name}"
        out[key] = _sha256(Path(path).read_bytes())
    return out


def manifest(loaded: Loaded, files: dict[str, str]) -> str:
    data = {
        "generator": {"version": __version__, "sha256": generator_hash()},
        "templates": templates_hash(),
        "inputs": input_hashes(loaded.inputs),
        "files": {path: _sha256(text.encode()) for path, text in sorted(files.items())},
    }
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


def vendor_folders(specs: str) -> list[str]:
    if not os.path.isdir(specs):
        raise SpecError([Diagnostic("error", specs, None, (), "no such folder")])
    folders = []
    for name in sorted(os.listdir(specs)):
        folder = os.path.join(specs, name)
        if os.path.isdir(folder) and not name.startswith("."):
            folders.append(folder)
    return folders


def render(loaded: Loaded) -> Package:
    files = render_package(loaded.api)
    files[MANIFEST] = manifest(loaded, files)
    return Package(loaded.api.vendor_id, loaded.api, files, loaded.warnings)


def _load(files: tuple[str, ...] | None, folder: str | None, name: str | None) -> Loaded:
    """Load one vendor; a document nested deeper than Python's recursion allows is an input
    error like any other, not a crash."""
    try:
        if folder is not None:
            return load_vendor(folder)
        assert files is not None
        return load_files(files, name=name)
    except RecursionError:
        first = files[0] if files else spec_files(folder or ".")[0]
        raise SpecError(
            [Diagnostic("error", first, None, (), "the document nests too deeply to read")]
        ) from None


def build(specs: str, only: tuple[str, ...] = (), *, strict: bool = False) -> list[Package]:
    """Load and render every vendor under ``specs`` (or only the named ones). All input errors
    of all vendors are reported together."""
    diagnostics: list[Diagnostic] = []
    loaded: list[Loaded] = []
    folders = vendor_folders(specs)
    names = {os.path.basename(f) for f in folders}
    for name in only:
        if name not in names:
            diagnostics.append(Diagnostic("error", specs, None, (), f"no vendor folder {name!r}"))
    for folder in folders:
        if only and os.path.basename(folder) not in only:
            continue
        try:
            spec_files(folder)
        except SpecError:
            continue  # not a vendor folder (e.g. a README folder)
        try:
            result = _load(None, folder, None)
        except SpecError as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        loaded.append(result)
        if strict:
            diagnostics.extend(
                Diagnostic("error", w.file, w.line, w.path, w.message, w.hint) for w in result.warnings
            )
    seen: dict[str, str] = {}
    for item in loaded:
        vendor = item.api.vendor_id
        if vendor in seen:
            diagnostics.append(
                Diagnostic(
                    "error", item.inputs[0], None, ("vendor", "id"),
                    f"vendor id {vendor!r} is also used by {seen[vendor]}",
                )
            )
        seen[vendor] = item.inputs[0]
    errors = [d for d in diagnostics if d.level == "error"]
    if errors:
        raise SpecError(errors)
    return [render(item) for item in loaded]


def build_one(spec: str, config: str | None, name: str | None, *, strict: bool = False) -> Package:
    files = (spec, config) if config else (spec,)
    loaded = _load(files, None, name)
    if strict and loaded.warnings:
        raise SpecError(
            Diagnostic("error", w.file, w.line, w.path, w.message, w.hint) for w in loaded.warnings
        )
    return render(loaded)
