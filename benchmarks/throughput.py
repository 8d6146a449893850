"""Throughput of `run` with a zero-latency model against the floor the tests set (issue 16,
target >= 80%).

The floor: the bare test runs a run cannot avoid, spread over the cores. For each ticket, the
same tests the judge runs (visible + hidden, on a copy with the reference applied) are timed
directly on the host, as `score_overhead.py` does; floor = sum of those times / cores. Then the
whole tickets suite runs through `python -m evals run` with one scripted model that answers
every ticket with its reference at once (tests/scripted_model.py), and its wall time is
measured. Printed: both times and floor / wall.

A run also takes each task's reference test ids (the tampering check needs them: every
answer's run must report them), a second test run per task; they are kept on disk between runs.
So the suite runs twice: first with an empty cache (as on a fresh machine), then again (as every
later run, or a run after `validate`); the target is read on the second.

    python benchmarks/throughput.py [--only GLOB] [setting=value ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from score_overhead import direct  # noqa: E402
from scripted_suite import scripts, tiers  # noqa: E402

from evals.cli import main  # noqa: E402
from evals.paths import TASKS_ROOT  # noqa: E402
from evals.scorers import correctness  # noqa: E402
from evals.suites import get  # noqa: E402
from evals.taskspec import load_suite  # noqa: E402


def main_(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default=None)
    ap.add_argument("overrides", nargs="*")
    args = ap.parse_args(argv)
    suite = get("tickets")
    specs = load_suite(suite, TASKS_ROOT, only=args.only)
    cores = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory(prefix="tierfit-throughput-") as t:
        tmp = Path(t)
        bare = []
        for spec in specs:
            direct(spec, tmp / "direct")  # first call copies and patches; not timed
            bare.append(statistics.median(direct(spec, tmp / "direct") for _ in range(2)))
        floor = sum(bare) / cores
        models, _ = scripts(specs, tmp)
        tl = tiers(tmp / "tiers.yaml", models[:1])
        ids = "[" + ",".join(s.id for s in specs) + "]"
        # the references' test ids are kept between runs: the first run takes them (a cold
        # cache, as on a fresh machine), the second reads them (as every later run does)
        os.environ["TIERFIT_CACHE"] = str(tmp / "cache")
        walls = []
        for name in ("cold", "warm"):
            correctness._ONCE.clear()  # as a new process starts
            start = time.perf_counter()
            rc = main(["run", "+suite=tickets", f"tiers={tl}", "display=none",
                       f"results_dir={tmp / 'runs'}", f"run_id=bench-{name}", f"task_ids={ids}",
                       *args.overrides])
            walls.append(time.perf_counter() - start)
            if rc != 0:
                print(f"run failed: exit {rc}")
                return rc
    cold, warm = walls
    print(f"{len(specs)} tickets, {cores} cores: bare test runs {sum(bare):.1f} s in all "
          f"(median {statistics.median(bare) * 1000:.0f} ms)")
    print(f"floor (bare / cores)                    {floor:.1f} s")
    print(f"run wall, references' test ids taken    {cold:.1f} s  floor / wall {floor / cold:.0%}")
    print(f"run wall, test ids kept from a run      {warm:.1f} s  floor / wall {floor / warm:.0%}"
          " (target >= 80%)")
    return 0


if __name__ == "__main__":
    sys.exit(main_(sys.argv[1:]))
