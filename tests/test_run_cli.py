"""`python -m evals run` end to end on the bundled local model, offline."""

from __future__ import annotations

from pathlib import Path

import pytest
from inspect_ai.log import list_eval_logs, read_eval_log

from evals.sandbox.bwrap import bwrap_problem
from tests.test_cli import cli


@pytest.mark.slow
@pytest.mark.skipif(bwrap_problem() is not None, reason=str(bwrap_problem()))
def test_run_local_model_writes_scored_logs_and_prints_the_table(tmp_path: Path) -> None:
    r = cli("run", "+suite=tickets", "limit=1", "suite.max_output_tokens=48", "display=none",
            f"results_dir={tmp_path}", "run_id=t1")
    assert r.returncode == 0, r.stderr[-2000:]
    assert "local/smollm2" in r.stdout and "pass@1" in r.stdout
    logs = list_eval_logs(str(tmp_path / "t1" / "logs"))
    assert len(logs) == 1
    log = read_eval_log(logs[0])
    assert log.status == "success" and log.eval.metadata["edition"] == "local"
    assert log.eval.metadata["genai_prices"]
    [s] = log.samples
    assert "ticket_scorer" in s.scores
    usage = s.model_usage["local/smollm2"]
    assert usage.input_tokens > 0 and 0 < usage.output_tokens <= 48
    assert (tmp_path / "t1" / "run.json").is_file()
