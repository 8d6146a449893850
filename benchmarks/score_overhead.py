"""How much does scoring cost beyond running the tests? Prints medians and their ratio.

Each task's reference test ids are taken first (what a run pays once per task for the
tampering check when no earlier run kept them) and timed apart. Then for each task's reference
patch: (a) the tickets suite's `score` in-process: fresh sandbox, repo copy, patch (on the host
where git would agree), host-side scope diff beside the hidden + visible tests, junit parse;
(b) the same pytest run directly on the host on an already-patched copy. Usage:
    python benchmarks/score_overhead.py [repeats]
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import evals._registry  # noqa: F401
from evals.sandbox import sandbox_spec
from evals.suites import get
from evals.taskspec import load_suite


def direct(spec, tmp: Path) -> float:
    work = tmp / spec.id
    if not work.exists():
        shutil.copytree(spec.repo_dir, work)
        subprocess.run(["git", "apply", str(spec.reference)], cwd=work, check=True)
        (work / "hidden").mkdir()
        for h in spec.hidden_tests:
            shutil.copy(h, work / "hidden" / h.name)
    tests = sorted(str(p.relative_to(work)) for p in (work / "tests").glob("test_*.py"))
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--noconftest",
                    "--import-mode=importlib", "-o", f"pythonpath={work}", "--rootdir", str(work),
                    *tests, "hidden"], cwd=work, env=env, capture_output=True, check=True)
    return time.perf_counter() - t


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    from evals.suites.tickets.scorer import Judging, reference_ids

    suite = get("tickets")
    specs = load_suite(suite)
    options = suite.options()
    once = []
    for spec in specs:
        t = time.perf_counter()
        asyncio.run(reference_ids(Judging.of(spec), sandbox_spec("bwrap"), options.test_timeout,
                                  fresh=True))  # run it, whatever an earlier run kept
        once.append(time.perf_counter() - t)
    scored, plain = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for spec in specs:
            for _ in range(repeats):
                t = time.perf_counter()
                r = asyncio.run(suite.score(spec, spec.reference.read_bytes(),
                                            sandbox_spec("bwrap"), options))
                scored.append(time.perf_counter() - t)
                assert r["correct"] == 1, r
                plain.append(direct(spec, Path(tmp)))
    ms, mp = statistics.median(scored), statistics.median(plain)
    print(f"tasks={len(specs)} repeats={repeats} samples={len(scored)}")
    print(f"score (sandbox+patch+scope+tests) median {ms * 1000:.0f} ms")
    print(f"same tests run directly          median {mp * 1000:.0f} ms")
    print(f"ratio score/direct               {ms / mp:.2f}")
    print(f"once per task: the reference's test ids, median {statistics.median(once) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
