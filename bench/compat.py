"""How far real published OpenAPI documents get: our generator beside openapi-python-client.

    .venv/bin/python bench/compat.py [DOCUMENT ...] [--rev REV] [--skip-opc] [--no-mypy]

For each document (default: every one of ``tests/corpus/documents/``) and each tool: does it
generate (exit status, errors, warnings, operations generated), does every module of the
package import, and does the package pass ``mypy --strict``. The figures of
``docs/COMPATIBILITY.md`` come from here.

Our generator runs as ``python -m codegen generate --spec DOC`` (black, a fresh format cache);
``--rev REV`` runs the generator of another commit instead (``git archive`` into
``bench/out/``), for before/after figures. openapi-python-client (pinned in ``bench/run.py``)
runs from ``bench/.env`` as ``openapi-python-client generate --path DOC --meta none``. Results
are written to ``bench/out/compat-<label>.md`` and ``.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
CORPUS = ROOT / "tests" / "corpus" / "documents"
PYTHON = ROOT / ".venv" / "bin" / "python"
_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}

sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))


@dataclass
class Outcome:
    generated: bool
    errors: int
    warnings: int
    operations: int
    imports: bool | None
    mypy: bool | None
    seconds: float
    note: str = ""


def document_operations(path: Path) -> int:
    from codegen.source import load

    data = load(str(path)).data
    return sum(
        1
        for item in (data.get("paths") or {}).values()
        if isinstance(item, dict)
        for method in item
        if method in _METHODS
    )


def _imports(folder: Path, package: str, python: Path = PYTHON) -> tuple[bool, str]:
    modules = [
        ".".join(p.relative_to(folder).with_suffix("").parts).removesuffix(".__init__")
        for p in sorted((folder / package).rglob("*.py"))
    ]
    script = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    result = subprocess.run(
        [str(python), "-c", script, *modules],
        env={**os.environ, "PYTHONPATH": str(folder), "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True, text=True, timeout=900,
    )
    last = (result.stderr.strip().splitlines() or [""])[-1]
    return result.returncode == 0, last[:160]


def _mypy(folder: Path, package: str, python: Path = PYTHON) -> tuple[bool, str]:
    """mypy (ours) over the package, with the libraries of ``python``'s environment."""
    result = subprocess.run(
        [str(PYTHON), "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull,
         "--python-executable", str(python), "-p", package],
        env={**os.environ, "MYPYPATH": str(folder)},
        capture_output=True, text=True, timeout=3600,
    )
    last = (result.stdout.strip().splitlines() or [""])[-1]
    return result.returncode == 0, last[:160]


def ours(doc: Path, source: Path, work: Path, mypy: bool) -> Outcome:
    name = re.sub(r"\W", "_", doc.stem).lower()
    env = {**os.environ, "PYTHONPATH": str(source), "CODEGEN_CACHE_DIR": str(work / "cache")}
    started = time.perf_counter()
    result = subprocess.run(
        [str(PYTHON), "-m", "codegen", "generate", "--spec", str(doc), "--out", str(work / "ours"), "--name", name],
        env=env, capture_output=True, text=True, timeout=3600, cwd=work,
    )
    seconds = time.perf_counter() - started
    lines = result.stderr.splitlines()
    errors = sum(": error: " in line for line in lines)
    warnings = sum(": warning: " in line for line in lines)
    folder, package = work / "ours" / name, f"{name}_client"
    if result.returncode != 0 or not (folder / package).is_dir():
        first = next((line for line in lines if ": error: " in line or "Error" in line), "")
        return Outcome(False, errors, warnings, 0, None, None, seconds, first.split(": error: ")[-1][:160])
    operations = sum(  # one Endpoint constant per operation
        p.read_text(encoding="utf-8").count(" = _request.Endpoint(") for p in (folder / package / "resources").glob("*.py")
    )
    imports, note = _imports(folder, package)
    checked = None
    if mypy and imports:
        checked, note = _mypy(folder, package)
    return Outcome(True, errors, warnings, operations, imports, checked, seconds, "" if checked else note)


def theirs(doc: Path, tool: Path, work: Path, mypy: bool) -> Outcome:
    folder = work / "opc"
    started = time.perf_counter()
    result = subprocess.run(
        [str(tool), "generate", "--path", str(doc), "--meta", "none", "--overwrite", "--output-path",
         str(folder / "client")],
        env={**os.environ, "PATH": f"{tool.parent}{os.pathsep}{os.environ.get('PATH', '')}"},
        capture_output=True, text=True, timeout=3600, cwd=work,
    )
    seconds = time.perf_counter() - started
    text = result.stdout + result.stderr
    warnings = len(re.findall(r"^WARNING ", text, re.MULTILINE))
    errors = len(re.findall(r"^ERROR ", text, re.MULTILINE))
    if result.returncode != 0 or not (folder / "client" / "__init__.py").exists():
        last = [line for line in text.splitlines() if line.strip()][-1:] or [""]
        return Outcome(False, errors, warnings, 0, None, None, seconds, last[0][:160])
    operations = len([p for p in (folder / "client" / "api").rglob("*.py") if p.name != "__init__.py"])
    python = tool.parent / "python"  # its packages need attrs and python-dateutil: bench/.env has them
    imports, note = _imports(folder, "client", python)
    checked = None
    if mypy and imports:
        checked, note = _mypy(folder, "client", python)
    return Outcome(True, errors, warnings, operations, imports, checked, seconds, "" if checked else note)


def _ensure_runtime(python: Path) -> None:
    """What openapi-python-client's packages need at run time and for ``mypy --strict``
    (python-dateutil and its stubs, beside httpx and attrs), in its own environment."""
    found = subprocess.run([str(python), "-c", "import dateutil, attrs, httpx"], capture_output=True)
    stubs = subprocess.run([str(python), "-m", "pip", "show", "--quiet", "types-python-dateutil"], capture_output=True)
    if found.returncode != 0 or stubs.returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "python-dateutil", "types-python-dateutil"],
                       check=True)


def _source(rev: str | None) -> tuple[Path, str]:
    if rev is None:
        return ROOT, "ours"
    commit = subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    target = OUT / f"codegen-{commit}"
    if not target.exists():
        archive = subprocess.run(["git", "archive", "--format=tar", commit], cwd=ROOT, capture_output=True, check=True).stdout
        target.mkdir(parents=True)
        with tempfile.TemporaryFile() as handle:
            handle.write(archive)
            handle.seek(0)
            with tarfile.open(fileobj=handle) as tar:
                tar.extractall(target, filter="data")
    return target, f"ours@{commit}"


def _mark(value: bool | None, note: str = "") -> str:
    if value is None:
        return "-"
    if value:
        return "yes"
    found = re.search(r"Found (\d+ errors? in \d+ files?)", note)
    return f"**no** ({found.group(1)})" if found else "**no**"


def table(rows: list[dict[str, object]], label: str) -> str:
    lines = [
        f"| document | size | operations | {label}: result | warnings | import | mypy |",
        "| --- | ---: | ---: | --- | ---: | --- | --- |",
    ]
    for row in rows:
        outcome = Outcome(**row["outcome"])  # type: ignore[arg-type]
        result = (
            f"{outcome.operations} generated" if outcome.generated else f"**failed** ({outcome.errors} errors)"
        )
        lines.append(
            f"| `{row['document']}` | {row['kb']} KB | {row['operations']} | {result} | {outcome.warnings} |"
            f" {_mark(outcome.imports)} | {_mark(outcome.mypy, outcome.note)} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("documents", nargs="*", help="documents (default: the test corpus)")
    parser.add_argument("--rev", help="run our generator as of this git revision")
    parser.add_argument("--skip-opc", action="store_true", help="our generator only")
    parser.add_argument("--no-mypy", action="store_true", help="do not type-check the packages")
    args = parser.parse_args()

    OUT.mkdir(exist_ok=True)
    documents = [Path(d).resolve() for d in args.documents] or sorted(
        p for p in CORPUS.iterdir() if p.suffix in (".yaml", ".json")
    )
    source, label = _source(args.rev)
    tool = None
    if not args.skip_opc:
        from run import OPC_VERSION, ensure_opc

        tool = ensure_opc()
        _ensure_runtime(tool.parent / "python")
    results: dict[str, list[dict[str, object]]] = {label: []}
    if tool is not None:
        results[f"openapi-python-client {OPC_VERSION}"] = []
    for doc in documents:
        base = {"document": doc.name, "kb": round(doc.stat().st_size / 1000), "operations": document_operations(doc)}
        # Outside the checkout: openapi-python-client runs ruff on what it writes, and ruff would
        # take this repository's configuration (and rewrite the package) inside it.
        work = Path(tempfile.mkdtemp(prefix="codegen-compat-"))
        try:
            mine = ours(doc, source, work, not args.no_mypy)
            results[label].append({**base, "outcome": asdict(mine)})
            print(f"{doc.name}: {label} {mine}", flush=True)
            if tool is not None:
                other = theirs(doc, tool, work, not args.no_mypy)
                results[f"openapi-python-client {OPC_VERSION}"].append({**base, "outcome": asdict(other)})
                print(f"{doc.name}: openapi-python-client {other}", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    report = "\n\n".join(f"### {name}\n\n{table(rows, name)}" for name, rows in results.items())
    slug = re.sub(r"\W+", "-", label)
    (OUT / f"compat-{slug}.md").write_text(report + "\n", encoding="utf-8")
    (OUT / f"compat-{slug}.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print()
    print(report)


if __name__ == "__main__":
    main()
