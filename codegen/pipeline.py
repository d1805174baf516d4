"""The pipeline: spec folders → IR → rendered packages with their manifests.

:func:`build` does everything but writing, so ``generate`` and ``check`` share it: one writes
the result into ``generated/``, the other compares it with what is there.

Two caches keep it fast (both under ``$CODEGEN_CACHE_DIR``, default ``.cache/codegen``; an
empty value turns them off):

- **The build cache.** A vendor's finished package (files and warnings) is stored under the
  hash of everything that shapes it: its input files (paths and bytes), the generator's source,
  the templates, the versions of the libraries it uses, and the Python version. A regeneration
  with nothing changed reads it back and loads, renders and formats nothing (nor imports the
  libraries that would). Failed builds are never stored.
- **The format cache** (:mod:`codegen.render.formatting`): black's output by content.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from codegen import __version__
from codegen.errors import Diagnostic, SpecError, UsageError
from codegen.normalize import VENDOR_SPEC, Loaded, spec_files

if TYPE_CHECKING:
    from codegen import ir
    from codegen.render.formatting import Batch, Formatter

MANIFEST = "codegen-manifest.json"
CODEGEN_SOURCE = Path(__file__).resolve().parent
TEMPLATES = CODEGEN_SOURCE.parent / "templates"
BUILD_CACHE_FORMAT = "codegen-build/1"
# The libraries whose version can change what a package looks like.
_SHAPING = ("black", "jinja2", "yaml", "openapi_pydantic", "pydantic", "pydantic_core")


@cache
def _rendered() -> ir.Api:
    """An API stripped to nothing, kept once its files are rendered (see ``_run``)."""
    from codegen import ir

    return ir.Api("", "", "", "", "", None, ir.Auth("none"), (), ())


@dataclass(frozen=True)
class Package:
    """One rendered package: its files (manifest included) by path relative to its folder.

    ``api`` is ``None`` when the package comes from the build cache."""

    vendor_id: str
    api: ir.Api | None
    files: dict[str, str]
    warnings: tuple[Diagnostic, ...]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _text_sha256(text: str) -> str:
    from codegen.render.writer import encoded

    digest = hashlib.sha256()
    for part in encoded(text):
        digest.update(part)
    return digest.hexdigest()


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
        "files": {path: _text_sha256(text) for path, text in sorted(files.items())},
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
    """Render and format one loaded vendor in-process."""
    from codegen.render.formatting import Formatter

    with Formatter(workers=0) as formatter:
        package = _finish(loaded, _formatted(loaded, formatter, _submit(loaded, formatter)))
    return replace(package, api=loaded.api)


def _formatted(loaded: Loaded, formatter: Formatter, batch: Batch) -> dict[str, str]:
    """The batch's files, formatted; a module black cannot parse is an error of this input."""
    from codegen.render.formatting import LayoutMismatch

    try:
        return formatter.result(batch)
    except LayoutMismatch as exc:  # CODEGEN_FORMAT=verify
        problem = Diagnostic("error", loaded.inputs[0], None, (),
                             f"the templates' layout is not black's: {exc}",
                             "a generator bug: please report it with this document")
        raise SpecError([*loaded.warnings, problem]) from None
    except RuntimeError as exc:
        first_line = str(exc).split("\n", 1)[0]
        raise SpecError([*loaded.warnings, _not_compiling(loaded, first_line)]) from None


def _not_compiling(loaded: Loaded, problem: str) -> Diagnostic:
    return Diagnostic("error", loaded.inputs[0], None, (),
                      f"the generated package would not work: {problem}; nothing is written for it",
                      "a generator bug: please report it with this document")


def check_compiles(loaded: Loaded, files: Iterable[tuple[str, str]]) -> None:
    """Compile every module before anything is written: a package that does not compile is
    never reported as written. A module the templates marked for cutting (rendered, not yet
    formatted) is compiled part by part between the marks, each part whole top-level
    statements: what is checked is the same, and the syntax tree of a large ``models.py`` is
    never in memory at once (for a 4 MB document it was a third of the run's peak)."""
    from codegen.render.formatting import CUT

    for path, text in files:
        if not path.endswith(".py"):
            continue
        offset = 0  # lines of the module (its marks left out) before this part
        for part in text.split(CUT):
            _compile(loaded, path, part, offset)
            offset += part.count("\n")


def _compile(loaded: Loaded, path: str, source: str, offset: int) -> None:
    digest = hashlib.sha256(source.encode()).digest()
    if digest in _COMPILED:
        return
    try:
        compile(source, path, "exec", dont_inherit=True)
    except SyntaxError as exc:
        line = offset + (exc.lineno or 1)
        raise SpecError([*loaded.warnings, _not_compiling(loaded, f"{path}:{line}: {exc.msg}")]) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise SpecError([*loaded.warnings, _not_compiling(loaded, f"{path}: {type(exc).__name__}: {exc}")]) from None
    _COMPILED.add(digest)  # a part may be the same text in every package of a run


# The SHA-256 of every module text (or part of one) that compiled in this process.
_COMPILED: set[bytes] = set()


def _submit(loaded: Loaded, formatter: Formatter) -> Batch:
    """Render the package into ``formatter``, each module compiled on its way there, except
    the runtime modules: no spec text reaches them (they are templates without Jinja syntax),
    and every package the tests generate imports them."""
    from codegen.render.renderer import iter_files, static_texts

    runtime = static_texts()

    def compiled() -> Iterator[tuple[str, str]]:
        for path, text in iter_files(loaded.api):
            if text not in runtime:
                check_compiles(loaded, ((path, text),))
            yield path, text

    return formatter.submit(compiled())


def _finish(loaded: Loaded, files: dict[str, str], vendor_id: str | None = None) -> Package:
    """The package with its manifest. Its ``api`` is not kept: nothing downstream reads it,
    and for a large document it is tens of megabytes."""
    files = dict(sorted(files.items()))
    files[MANIFEST] = manifest(loaded, files)
    return Package(vendor_id or loaded.api.vendor_id, None, files, loaded.warnings)


def _load(files: tuple[str, ...] | None, folder: str | None, name: str | None) -> Loaded:
    """Load one vendor; a document nested deeper than Python's recursion allows is an input
    error like any other, not a crash."""
    from codegen.normalize import load_files, load_vendor

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


# -- the build cache -------------------------------------------------------------------------


def _cache_folder() -> Path | None:
    configured = os.environ.get("CODEGEN_CACHE_DIR")
    if configured == "":
        return None
    return (Path(configured) if configured else Path(".cache") / "codegen") / "builds"


@cache
def _library_versions() -> str:
    """The installed distributions beside each shaping library (their ``.dist-info`` names):
    read from the folder listing, without importing anything."""
    names: set[str] = set()
    for module in _SHAPING:
        spec = importlib.util.find_spec(module)
        if spec is None or spec.origin is None:
            names.add(f"{module}: missing")
            continue
        site = Path(spec.origin).parent.parent
        try:
            names.update(n for n in os.listdir(site) if n.endswith(".dist-info"))
        except OSError:
            names.add(f"{module}: {site}")
    return "\n".join(sorted(names))


def build_key(inputs: tuple[str, ...], name: str | None) -> str | None:
    """The build-cache key of one vendor, or ``None`` (no cache, or an input is unreadable:
    the full path then reports it)."""
    if _cache_folder() is None:
        return None
    digest = hashlib.sha256()
    for part in (
        BUILD_CACHE_FORMAT,
        __version__,
        generator_hash(),
        templates_hash(),
        _library_versions(),
        sys.version.split()[0],
        repr(name),
        _format_policy(),
    ):
        digest.update(part.encode() + b"\0")
    for path in inputs:
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
        digest.update(path.encode() + b"\0" + _sha256(data).encode() + b"\0")
    return digest.hexdigest()


def _format_policy() -> str:
    from codegen.render.formatting import policy

    try:
        return policy()
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _entry(key: str) -> Path | None:
    folder = _cache_folder()
    return None if folder is None else folder / key[:2] / f"{key}.pkg"


def _cached(key: str | None) -> Package | None:
    """A package from the build cache: a JSON header line (vendor id, warnings, each file's
    path and length in bytes), then the files' bytes one after another."""
    entry = None if key is None else _entry(key)
    if entry is None:
        return None
    try:
        data = entry.read_bytes()
        end = data.index(b"\n")
        header = json.loads(data[:end])
        if header["format"] != BUILD_CACHE_FORMAT:
            return None
        files: dict[str, str] = {}
        offset = end + 1
        for path, length in header["files"]:
            files[path] = data[offset : offset + length].decode("utf-8")
            offset += length
        warnings = tuple(
            Diagnostic(level, file, line, tuple(path), message, hint)
            for level, file, line, path, message, hint in header["warnings"]
        )
        return Package(header["vendor_id"], None, files, warnings)
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None


def _store(key: str | None, package: Package) -> None:
    from codegen.render.writer import encoded

    entry = None if key is None else _entry(key)
    if entry is None:
        return
    header: dict[str, Any] = {
        "format": BUILD_CACHE_FORMAT,
        "vendor_id": package.vendor_id,
        "warnings": [[w.level, w.file, w.line, list(w.path), w.message, w.hint] for w in package.warnings],
        # Encoded twice (here for the length, below to write) rather than held twice.
        "files": [[path, sum(map(len, encoded(text)))] for path, text in package.files.items()],
    }
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=entry.parent, delete=False, suffix=".tmp") as handle:
            handle.write(json.dumps(header).encode() + b"\n")
            for text in package.files.values():
                for part in encoded(text):
                    handle.write(part)
        os.replace(handle.name, entry)
    except OSError:
        pass  # a read-only cache only costs time


def _as_errors(warnings: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    return [Diagnostic("error", w.file, w.line, w.path, w.message, w.hint) for w in warnings if w.level == "warning"]


# -- building --------------------------------------------------------------------------------


@dataclass
class _Job:
    """One vendor on its way: its inputs, then its cached package or its loaded IR."""

    inputs: tuple[str, ...]
    folder: str | None
    name: str | None
    key: str | None = None
    vendor_id: str | None = None
    package: Package | None = None
    loaded: Loaded | None = None
    batch: Batch | None = None
    errors: list[Diagnostic] = field(default_factory=list)


def _run(jobs: list[_Job], *, strict: bool, diagnostics: list[Diagnostic]) -> list[Package]:
    """Load, render and format every job not in the build cache, formatting one vendor in the
    worker processes while the next one loads. Raises :class:`SpecError` with every error."""
    _format_policy()  # a misspelt $CODEGEN_FORMAT is an error before anything is read
    for job in jobs:
        job.key = build_key(job.inputs, job.name)
        job.package = _cached(job.key)
    misses = [job for job in jobs if job.package is None]
    if misses:
        from codegen.render.formatting import Formatter

        with Formatter() as formatter:
            formatter.start()  # fork the workers while this process is still small
            # Vendor specs first: they load in milliseconds and give the workers something to
            # format while this process imports openapi-pydantic for an OpenAPI document.
            failed = bool(diagnostics)
            for job in sorted(misses, key=lambda job: Path(job.inputs[0]).name != VENDOR_SPEC):
                try:
                    job.loaded = _load(job.inputs if job.folder is None else None, job.folder, job.name)
                except SpecError as exc:
                    job.errors = list(exc.diagnostics)
                    failed = True
                    continue
                job.vendor_id = job.loaded.api.vendor_id
                if not failed:  # once anything failed, nothing will be written: only read on
                    try:
                        job.batch = _submit(job.loaded, formatter)
                    except SpecError as exc:
                        job.errors = list(exc.diagnostics)
                        failed = True
                        continue
                    # Keep what the manifest needs, not the IR (large for a large document).
                    job.loaded = Loaded(_rendered(), job.loaded.warnings, job.loaded.inputs)
            diagnostics += [d for job in misses for d in job.errors]  # in vendor order
            _check(jobs, strict=strict, diagnostics=diagnostics)
            for job in misses:
                assert job.loaded is not None and job.batch is not None
                job.package = _finish(job.loaded, _formatted(job.loaded, formatter, job.batch), job.vendor_id)
                _store(job.key, job.package)
    else:
        _check(jobs, strict=strict, diagnostics=diagnostics)
    return [job.package for job in jobs if job.package is not None]


def _check(jobs: list[_Job], *, strict: bool, diagnostics: list[Diagnostic]) -> None:
    """Raise :class:`SpecError` if anything failed (with ``strict``, if anything warned). The
    warnings of every vendor go with the errors: a warning can explain an error."""
    seen: dict[str, str] = {}
    found = list(diagnostics)
    for job in jobs:
        vendor = job.package.vendor_id if job.package else job.vendor_id
        if vendor is None:
            continue
        found += job.package.warnings if job.package else job.loaded.warnings if job.loaded else ()
        if vendor in seen:
            found.append(
                Diagnostic(
                    "error", job.inputs[0], None, ("vendor", "id"),
                    f"vendor id {vendor!r} is also used by {seen[vendor]}",
                )
            )
        seen[vendor] = job.inputs[0]
    if strict:
        found = _as_errors(tuple(found))
    if any(d.level == "error" for d in found):
        raise SpecError(dict.fromkeys(found))


def build(specs: str, only: tuple[str, ...] = (), *, strict: bool = False) -> list[Package]:
    """Load and render every vendor under ``specs`` (or only the named ones). All input errors
    of all vendors are reported together."""
    diagnostics: list[Diagnostic] = []
    folders = vendor_folders(specs)
    names = {os.path.basename(f) for f in folders}
    for name in only:
        if name not in names:
            diagnostics.append(Diagnostic("error", specs, None, (), f"no vendor folder {name!r}"))
    jobs: list[_Job] = []
    for folder in folders:
        if only and os.path.basename(folder) not in only:
            continue
        try:
            inputs = spec_files(folder)
        except SpecError:
            continue  # not a vendor folder (e.g. a README folder)
        jobs.append(_Job(inputs, folder, os.path.basename(os.path.normpath(folder))))
    return _run(jobs, strict=strict, diagnostics=diagnostics)


def build_one(spec: str, config: str | None, name: str | None, *, strict: bool = False) -> Package:
    files = (spec, config) if config else (spec,)
    (package,) = _run([_Job(files, None, name)], strict=strict, diagnostics=[])
    return package
