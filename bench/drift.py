"""Drift-check benchmark: time and peak memory of ``codegen diff`` and ``codegen conform``.

    .venv/bin/python bench/drift.py [--runs 3]

Scenarios, each in a fresh ``codegen`` process:

(a) ``diff`` of each pair of Fabro revisions in ``tests/fixtures/drift/fabro_history``
    (trimmed real documents, 9 to 35 KB);
(b) ``diff`` of the large generated document (``bench/make_large_spec.py``, 400 operations,
    over 4 MB) against a copy with one property removed from every resource;
(c) ``conform kognitos`` against the trimmed copy of Kognitos' published document.

Each figure is the median of ``--runs`` runs: wall time, and the peak resident set
(``ru_maxrss`` from ``wait4``). Inputs of (b) are written to ``bench/out/`` (gitignored).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODEGEN = ROOT / ".venv" / "bin" / "codegen"
HISTORY = ROOT / "tests" / "fixtures" / "drift" / "fabro_history"
KOGNITOS = ROOT / "tests" / "fixtures" / "drift" / "kognitos_published" / "openapi.yaml"
OUT = ROOT / "bench" / "out"

sys.path.insert(0, str(ROOT / "bench"))
import make_large_spec  # noqa: E402


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak MB of one run; exit 0 and 1 (drift found) are both results."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr.decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def median(command: list[str], runs: int) -> tuple[float, float]:
    samples = [measure(command) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def large_pair() -> tuple[Path, Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    old = OUT / "drift_large_old" / "openapi.json"
    new = OUT / "drift_large_new" / "openapi.json"
    document = make_large_spec.build(400)
    for path in (old, new):
        path.parent.mkdir(exist_ok=True)
    old.write_text(make_large_spec.dump(document), encoding="utf-8")
    for schema in document["components"]["schemas"].values():
        properties = schema.get("properties") or {}
        optional = sorted(set(properties) - set(schema.get("required") or ()))
        if len(properties) > 2 and optional:
            properties.pop(optional[-1])
    new.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    return old, new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'scenario':<44} {'wall s':>7} {'peak MB':>8}")
    for pair in sorted(p for p in HISTORY.iterdir() if p.is_dir()):
        command = [str(CODEGEN), "diff", str(pair / "old.yaml"), str(pair / "new.yaml")]
        try:
            seconds, peak = median(command, args.runs)
        except RuntimeError:
            print(f"{'diff ' + pair.name:<44} {'(does not load yet)':>16}")
            continue
        print(f"{'diff ' + pair.name:<44} {seconds:>7.2f} {peak:>8.1f}")
    old, new = large_pair()
    seconds, peak = median([str(CODEGEN), "diff", str(old), str(new), "--format", "json"], args.runs)
    print(f"{'diff of the large document (400 operations)':<44} {seconds:>7.2f} {peak:>8.1f}")
    seconds, peak = median([str(CODEGEN), "conform", "kognitos", str(KOGNITOS)], args.runs)
    print(f"{'conform kognitos (trimmed published document)':<44} {seconds:>7.2f} {peak:>8.1f}")


if __name__ == "__main__":
    main()
