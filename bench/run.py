"""Generator benchmark: our generator beside openapi-python-client, same inputs, same run.

    .venv/bin/python bench/run.py [--runs 3] [--quick] [--skip-opc] [--no-clients]

openapi-python-client (pinned, ``OPC_VERSION``) is installed into this benchmark's own
virtual environment, ``bench/.env`` (created here with ``python -m venv``; gitignored), never
into the project's. Inputs are written to ``bench/out/`` (gitignored).

Scenarios (each tool in a fresh subprocess; the two tools take turns, run after run, so that
background load hits both alike):

(a) cold: all five vendors (``codegen generate``, an empty format cache in a fresh
    ``CODEGEN_CACHE_DIR``) beside openapi-python-client on Basedash alone;
(b) regeneration with nothing changed (warm cache, same output folder);
(c) the large document (``bench/make_large_spec.py``, 400 operations, over 4 MB);
(d) documents of 100, 200, 400 and 800 operations: time per operation as they grow.

Each figure is the median of ``--runs`` runs: wall time, and peak memory, the largest
resident set of any process of the run (``ru_maxrss`` from ``wait4``; our format workers are
separate processes and count one by one, as openapi-python-client's ruff does). Python writes
bytecode for both tools (one untimed warm-up run each), as it does on a developer's machine.

Afterwards ``bench/clients.py`` (the client runtime benchmark) runs, if present, unless
``--no-clients``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
ENV = BENCH / ".env"
OUT = BENCH / "out"
OPC_VERSION = "0.29.1"
SIZES = (100, 200, 400, 800)
CODEGEN = ROOT / ".venv" / "bin" / "codegen"

sys.path.insert(0, str(BENCH))
import make_large_spec  # noqa: E402


@dataclass
class Sample:
    seconds: float
    peak_mb: float


@dataclass
class Result:
    label: str
    ours: list[Sample]
    theirs: list[Sample]

    @staticmethod
    def _median(samples: list[Sample]) -> Sample | None:
        if not samples:
            return None
        return Sample(
            statistics.median(s.seconds for s in samples), statistics.median(s.peak_mb for s in samples)
        )

    @property
    def ours_median(self) -> Sample | None:
        return self._median(self.ours)

    @property
    def theirs_median(self) -> Sample | None:
        return self._median(self.theirs)


# -- running ---------------------------------------------------------------------------------


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # both tools get their bytecode cache
    env["PATH"] = f"{ENV / 'bin'}{os.pathsep}{env.get('PATH', '')}"  # opc runs ruff from PATH
    return env


def measure(command: list[str], *, env: dict[str, str] | None = None, cwd: Path = ROOT) -> Sample:
    """Run ``command``; its wall time and the peak resident set of its largest process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env or _env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{stderr.decode()[-2000:]}")
    return Sample(elapsed, usage.ru_maxrss / 1024)


def ensure_opc() -> Path:
    """bench/.env with openapi-python-client==OPC_VERSION (created on first use)."""
    tool = ENV / "bin" / "openapi-python-client"
    python = ENV / "bin" / "python"
    if tool.exists():
        version = subprocess.run([str(tool), "--version"], capture_output=True, text=True).stdout
        if OPC_VERSION in version:
            return tool
    print(f"creating {ENV.relative_to(ROOT)} with openapi-python-client=={OPC_VERSION} ...", flush=True)
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--clear", str(ENV)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", f"openapi-python-client=={OPC_VERSION}"],
        check=True,
    )
    return tool


def ours(args: list[str], cache: Path | None) -> Callable[[], Sample]:
    def run() -> Sample:
        env = _env()
        env["CODEGEN_CACHE_DIR"] = str(cache or tempfile.mkdtemp(prefix="codegen-cache-", dir=OUT))
        out = Path(tempfile.mkdtemp(prefix="ours-", dir=OUT))
        try:
            return measure([str(CODEGEN), "generate", *args, "--out", str(out)], env=env)
        finally:
            shutil.rmtree(out, ignore_errors=True)
            if cache is None:
                shutil.rmtree(env["CODEGEN_CACHE_DIR"], ignore_errors=True)

    return run


def theirs(tool: Path, spec: Path) -> Callable[[], Sample]:
    def run() -> Sample:
        out = Path(tempfile.mkdtemp(prefix="opc-", dir=OUT))
        try:
            command = [str(tool), "generate", "--path", str(spec), "--meta", "none", "--overwrite"]
            return measure([*command, "--output-path", str(out / "client")])
        finally:
            shutil.rmtree(out, ignore_errors=True)

    return run


def compare(
    label: str, mine: Callable[[], Sample], other: Callable[[], Sample] | None, runs: int
) -> Result:
    result = Result(label, [], [])
    mine()  # warm-up: bytecode, file system caches
    if other is not None:
        other()
    for index in range(runs):
        result.ours.append(mine())
        if other is not None:
            result.theirs.append(other())
        print(f"  {label}: run {index + 1}/{runs}", flush=True)
    return result


def warm(runs: int) -> Result:
    """(b): regenerate into the same folder with the cache of a previous run."""
    cache = Path(tempfile.mkdtemp(prefix="codegen-cache-", dir=OUT))
    out = Path(tempfile.mkdtemp(prefix="ours-warm-", dir=OUT))
    env = _env()
    env["CODEGEN_CACHE_DIR"] = str(cache)
    command = [str(CODEGEN), "generate", "--out", str(out)]
    measure(command, env=env)
    measure(command, env=env)
    result = Result("(b) regeneration, nothing changed (warm cache)", [], [])
    for _ in range(max(runs, 5)):
        result.ours.append(measure(command, env=env))
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    return result


# -- reporting -------------------------------------------------------------------------------


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


def table(results: list[Result], operations: dict[str, int]) -> str:
    lines = [
        "| scenario | ours: wall | ours: peak RSS | openapi-python-client: wall | peak RSS | time ratio | memory ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        mine, other = result.ours_median, result.theirs_median
        assert mine is not None
        row = f"| {result.label} | {mine.seconds:.2f} s | {mine.peak_mb:.0f} MB |"
        if other is None:
            row += " - | - | - | - |"
        else:
            row += (
                f" {other.seconds:.2f} s | {other.peak_mb:.0f} MB | {_ratio(mine.seconds, other.seconds)} |"
                f" {_ratio(mine.peak_mb, other.peak_mb)} |"
            )
        lines.append(row)
    scaling = [r for r in results if r.label in operations]
    if scaling:
        lines += ["", "| operations | ours: ms per operation | openapi-python-client: ms per operation |",
                  "| ---: | ---: | ---: |"]
        for result in scaling:
            count = operations[result.label]
            mine, other = result.ours_median, result.theirs_median
            assert mine is not None
            theirs_ms = f"{other.seconds / count * 1000:.1f}" if other else "-"
            lines.append(f"| {count} | {mine.seconds / count * 1000:.1f} | {theirs_ms} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (the median is shown)")
    parser.add_argument("--quick", action="store_true", help="(a) and (b) only")
    parser.add_argument("--skip-opc", action="store_true", help="our generator only")
    parser.add_argument("--no-clients", action="store_true", help="do not run bench/clients.py")
    args = parser.parse_args()

    OUT.mkdir(exist_ok=True)
    tool = None if args.skip_opc else ensure_opc()
    results: list[Result] = []
    operations: dict[str, int] = {}

    print("(a) cold: five vendors beside openapi-python-client on Basedash", flush=True)
    basedash = ROOT / "specs" / "basedash" / "openapi.yaml"
    results.append(
        compare(
            "(a) cold: our 5 vendors vs. openapi-python-client on Basedash alone",
            ours([], None),
            theirs(tool, basedash) if tool else None,
            args.runs,
        )
    )
    print("(b) warm regeneration", flush=True)
    results.append(warm(args.runs))

    if not args.quick:
        documents = {}
        for size in SIZES:
            document = make_large_spec.build(size)
            path = OUT / f"openapi-{size}.json"
            path.write_text(make_large_spec.dump(document), encoding="utf-8")
            documents[size] = (path, make_large_spec.operation_count(document))
        for size in SIZES:
            path, count = documents[size]
            label = f"(c) the large document ({count} operations, {path.stat().st_size / 1e6:.1f} MB)" if size == 400 else f"(d) {count} operations ({path.stat().st_size / 1e6:.1f} MB)"
            print(label, flush=True)
            operations[label] = count
            results.append(
                compare(label, ours(["--spec", str(path), "--name", "large"], None),
                        theirs(tool, path) if tool else None, args.runs)
            )

    report = table(results, operations)
    print()
    print(report)
    (OUT / "generator.md").write_text(report + "\n", encoding="utf-8")
    raw = {r.label: {"ours": [vars(s) for s in r.ours], "openapi-python-client": [vars(s) for s in r.theirs]} for r in results}
    (OUT / "generator.json").write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
    print(f"\n(written to {(OUT / 'generator.md').relative_to(ROOT)} and generator.json)")

    clients = BENCH / "clients.py"
    if not args.no_clients and clients.exists():
        print("\nclient runtime benchmark (bench/clients.py):", flush=True)
        subprocess.run([sys.executable, str(clients)], cwd=ROOT, check=False)


if __name__ == "__main__":
    main()
