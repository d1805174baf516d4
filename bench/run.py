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
(d) documents of 100, 200, 400 and 800 operations: time per operation as they grow;
(e) real published documents of the test corpus (``DOCUMENTS``): Fabro's, and four more.

Each figure is the median of ``--runs`` runs: wall time, and peak memory **summed over every
process of the run** (the tool and everything it starts: our format workers, openapi-python-
client's ruff), sampled from ``/proc`` every few milliseconds and never less than the largest
single process's peak (``VmHWM``), which is shown beside it. Python writes
bytecode for both tools (one untimed warm-up run each), as it does on a developer's machine.
The targets each figure is held to are printed after the table (``TARGETS``).

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
import threading
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
CORPUS = ROOT / "tests" / "corpus" / "documents"
# (e): documents both tools generate. Fabro's says ``off`` unquoted, which YAML 1.1 (read by
# openapi-python-client) takes for ``false``: both tools get a copy with it quoted, as the
# vendor means it (our reader, YAML 1.2, reads it so either way).
DOCUMENTS = (
    ("Fabro (88 operations, 240 KB)", "fabro-run-api.yaml"),
    ("Resend", "resend.yaml"),
    ("OnePageCRM", "onepagecrm.yaml"),
    ("Intercom 2.15", "intercom-2.15.yaml"),
    ("Sentry", "sentry.json"),
)
QUOTED = {"fabro-run-api.yaml": ("enum: [verify, no_verify, off]", "enum: [verify, no_verify, 'off']")}
# What each scenario is held to: (label prefix, time ratio, memory ratio), ours ÷ theirs.
TARGETS = (
    ("(a)", 0.8, 0.7),
    ("(c)", 0.3, 0.7),
    ("(d)", None, 0.7),
    ("(e) Fabro", 0.4, 0.7),
    ("(e)", 0.5, 0.7),
)
NO_OP_TARGET = 0.2  # seconds, (b)

sys.path.insert(0, str(BENCH))
import make_large_spec  # noqa: E402


@dataclass
class Sample:
    seconds: float
    peak_mb: float  # summed over the processes of the run
    largest_mb: float = 0.0  # the largest single process


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
            statistics.median(s.seconds for s in samples),
            statistics.median(s.peak_mb for s in samples),
            statistics.median(s.largest_mb for s in samples),
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


def _tree_memory(root: int, peaks: dict[int, int]) -> int:
    """Bytes resident now, summed over ``root`` and every process below it; ``peaks`` gets
    each process's own peak so far (``VmHWM``; both from ``/proc/<pid>/status``)."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/status", "rb") as status:
                fields = dict(line.split(b":", 1) for line in status.read().splitlines() if b":" in line)
            total += int(fields[b"VmRSS"].split()[0]) * 1024
            peaks[pid] = max(peaks.get(pid, 0), int(fields[b"VmHWM"].split()[0]) * 1024)
            for task in os.listdir(f"/proc/{pid}/task"):  # children are listed by thread
                with open(f"/proc/{pid}/task/{task}/children", "rb") as children:
                    stack += [int(child) for child in children.read().split()]
        except (OSError, ValueError, KeyError):
            continue  # it has just ended (or is a zombie, with no memory left)
    return total


class _TreeSampler(threading.Thread):
    """Every 5 ms while the process runs: the largest sum of :func:`_tree_memory` seen, and
    each process's own peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()
        self.peaks: dict[int, int] = {}

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, _tree_memory(self.pid, self.peaks))
            self.done.wait(0.005)


def measure(command: list[str], *, env: dict[str, str] | None = None, cwd: Path = ROOT) -> Sample:
    """Run ``command``; its wall time, the peak of its processes' resident sets summed, and
    the peak resident set of its largest process.

    Peaks come from ``/proc``, not from ``wait4``'s ``ru_maxrss``: Linux keeps the larger of
    a process's resident sets before and after ``exec``, so a child's ``ru_maxrss`` is never
    less than this benchmark's own size when it started the child."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env or _env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    sampler = _TreeSampler(process.pid)
    sampler.start()
    assert process.stderr is not None
    stderr = process.stderr.read()
    # Reap only once the sampler has stopped: until then the process stays in /proc.
    os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
    elapsed = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    _, status = os.waitpid(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{stderr.decode()[-2000:]}")
    largest = max(sampler.peaks.values(), default=0) / 2**20
    return Sample(elapsed, max(sampler.peak / 2**20, largest), largest)


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
        "| scenario | ours: wall | ours: peak RSS, summed (largest process) | openapi-python-client: wall"
        " | its peak RSS, summed (largest) | time ratio | memory ratio (summed) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        mine, other = result.ours_median, result.theirs_median
        assert mine is not None
        row = f"| {result.label} | {mine.seconds:.2f} s | {mine.peak_mb:.0f} MB ({mine.largest_mb:.0f}) |"
        if other is None:
            row += " - | - | - | - |"
        else:
            row += (
                f" {other.seconds:.2f} s | {other.peak_mb:.0f} MB ({other.largest_mb:.0f}) |"
                f" {_ratio(mine.seconds, other.seconds)} | {_ratio(mine.peak_mb, other.peak_mb)} |"
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


def targets(results: list[Result]) -> str:
    """Each figure beside its target (``TARGETS``, ``NO_OP_TARGET``): met or missed."""
    lines = ["| scenario | figure | target | |", "| --- | ---: | ---: | --- |"]
    for result in results:
        mine, other = result.ours_median, result.theirs_median
        assert mine is not None
        if other is None:
            if result.label.startswith("(b)"):
                verdict = "met" if mine.seconds <= NO_OP_TARGET else "**missed**"
                lines.append(f"| {result.label} | {mine.seconds:.2f} s | ≤ {NO_OP_TARGET} s | {verdict} |")
            continue
        time_target, memory_target = next((t, m) for prefix, t, m in TARGETS if result.label.startswith(prefix))
        for what, figure, target in (
            ("time", mine.seconds / other.seconds, time_target),
            ("memory", mine.peak_mb / other.peak_mb, memory_target),
        ):
            if target is not None:
                verdict = "met" if figure <= target else "**missed**"
                lines.append(f"| {result.label}: {what} | {figure:.2f}x | ≤ {target}x | {verdict} |")
    return "\n".join(lines)


def corpus_document(name: str) -> Path:
    """A corpus document as both tools read it (``QUOTED``), under ``bench/out``."""
    source = CORPUS / name
    text = source.read_text(encoding="utf-8")
    if name in QUOTED:
        plain, quoted = QUOTED[name]
        if text.count(plain) != 1:
            raise SystemExit(f"{source}: expected {plain!r} once, to quote it")
        text = text.replace(plain, quoted)
    path = OUT / name
    path.write_text(text, encoding="utf-8")
    return path


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

    if not args.quick:
        for title, name in DOCUMENTS:
            path = corpus_document(name)
            label = f"(e) {title}"
            print(label, flush=True)
            results.append(
                compare(label, ours(["--spec", str(path), "--name", "doc"], None),
                        theirs(tool, path) if tool else None, args.runs)
            )

    report = table(results, operations) + "\n\n" + targets(results)
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
