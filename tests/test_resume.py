"""A run killed with SIGKILL mid-way resumes with `resume=<run-id>`: every sample once, none twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from inspect_ai.log import read_eval_log_sample_summaries

from evals.report.frame import load_frame
from evals.sandbox.bwrap import bwrap_problem

PROJECT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.skipif(bwrap_problem() is not None, reason=str(bwrap_problem()))
def test_sigkill_then_resume_runs_only_the_missing_samples(tmp_path: Path) -> None:
    args = [sys.executable, "-m", "evals", "run", "+suite=tickets", "limit=3",
            "suite.max_output_tokens=16", "display=none", f"results_dir={tmp_path}"]
    proc = subprocess.Popen([*args, "run_id=k1"], cwd=PROJECT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    logs = tmp_path / "k1" / "logs"
    finished: list = []
    deadline = time.monotonic() + 600
    try:
        while not finished and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.5)
            for log in logs.glob("*.eval"):
                try:
                    finished = [s for s in read_eval_log_sample_summaries(str(log)) if s.completed]
                except Exception:  # the log is being written: try again
                    pass
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert finished and len(finished) < 3, "the run must be killed after one sample, before all"
    before = {s.id: s.uuid for s in finished}

    r = subprocess.run([*args, "resume=k1"], cwd=PROJECT, capture_output=True, text=True,
                       timeout=900)
    assert r.returncode == 0, r.stderr[-2000:]
    frame = load_frame([logs]).frame
    assert sorted(frame["task"]) == sorted(set(frame["task"])) and len(frame) == 3
    assert set(frame["status"]) == {"ok"}
    [current] = [p for p in logs.glob("*.eval") if p.stat().st_mtime == max(
        q.stat().st_mtime for q in logs.glob("*.eval"))]
    after = {s.id: s.uuid for s in read_eval_log_sample_summaries(str(current))}
    for sid, uuid in before.items():
        assert after[sid] == uuid  # carried over, not run again
    assert "resumed" in (tmp_path / "k1" / "run.json").read_text()
