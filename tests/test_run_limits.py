"""`run` under pressure: a run-wide cost_limit, provider errors with retries, the error share.

Each test runs the real `python -m evals run` code in-process with a scripted provider
(tests/scripted_model.py) from a tier list file, so the path is the one real models take.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.cli import main
from evals.report.frame import load_frame
from evals.sandbox.bwrap import bwrap_problem
from tests import scripted_model  # noqa: F401  (registers the scripted provider)
from tests.scripted_model import CALLS, write_tiers

pytestmark = pytest.mark.skipif(bwrap_problem() is not None, reason=str(bwrap_problem()))


def _run(tmp_path: Path, script: dict, *args: str, price: dict | None = None,
         names: tuple[str, ...] = ("dev",)) -> int:
    (tmp_path / "script.json").write_text(json.dumps(script))
    tiers = write_tiers(tmp_path / "tiers.yaml", tmp_path / "script.json", price=price,
                        names=names)
    return main(["run", "+suite=tickets", f"tiers={tiers}", "display=none",
                 f"results_dir={tmp_path / 'runs'}", "retries.wait=0", *args])


def test_cost_limit_stops_cleanly_and_a_resume_with_more_budget_finishes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    CALLS.clear()
    # $1 a call (1000 input tokens at $1000/M); oneshot makes one call per sample
    script = {"usage": {"input_tokens": 1000, "output_tokens": 0}}
    price = {"input": 1000.0, "output": 0.0}
    common = ("limit=4", "max_samples=1", "run_id=c1")
    assert _run(tmp_path, script, *common, "cost_limit=1.5", price=price) == 3
    err = capsys.readouterr().err
    assert "stopped by cost_limit $1.5: $2.0000 spent, 2 samples ran" in err
    assert "resume=c1" in err
    ran = set(CALLS)
    assert len(ran) == 2 and all(n == 1 for n in CALLS.values())  # the 2nd was in flight

    record = json.loads((tmp_path / "runs" / "c1" / "run.json").read_text())
    assert record["stops"][-1]["reason"] == "cost_limit" and record["spent_usd"] == 2.0
    lf = load_frame([tmp_path / "runs" / "c1" / "logs"])
    f = lf.frame
    assert sorted(f["status"]) == ["missing", "missing", "ok", "ok"]
    assert set(f[f["status"] == "ok"]["task"]) == ran
    assert set(f[f["status"] == "missing"]["error"]) == {"not run: the run stopped at cost_limit $1.5"}
    assert lf.stops and "stopped at cost_limit $1.5 ($2.0000 spent" in lf.stops[0]
    assert main(["report", f"results_dir={tmp_path / 'runs'}", "run=c1",
                 f"out={tmp_path / 'rep'}"]) == 0
    assert "stopped at cost_limit $1.5" in (tmp_path / "rep" / "report.md").read_text()

    # the same budget again: nothing can run, and it says so in one line
    capsys.readouterr()
    assert _run(tmp_path, script, *common[:2], "resume=c1", "cost_limit=1.5", price=price) == 3
    err = capsys.readouterr().err
    assert [ln for ln in err.splitlines() if ln.startswith("error:")] == [
        "error: run c1 has already spent $2.0000 of cost_limit $1.5: give a higher "
        "cost_limit to run what is left"] and "Traceback" not in err

    # more budget: only the two samples that never started run; nothing is billed twice
    assert _run(tmp_path, script, *common[:2], "resume=c1", "cost_limit=10", price=price) == 0
    assert len(CALLS) == 4 and all(n == 1 for n in CALLS.values())
    lf = load_frame([tmp_path / "runs" / "c1" / "logs"])
    assert list(lf.frame["status"]) == ["ok"] * 4 and not lf.stops
    assert json.loads((tmp_path / "runs" / "c1" / "run.json").read_text())["spent_usd"] == 4.0


def test_cost_limit_needs_a_price_for_every_model(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "t.yaml").write_text(
        "edition: x\nmade_on: 2026-11-01\ntiers:\n  execution:\n"
        "    - {name: nop, model: openrouter/acme/unknown-model-9}\n  reasoning: []\n")
    # a key is checked before prices; a fake one is enough, since nothing is called
    monkeypatch.setenv("OPENROUTER_API_KEY", "test-not-a-key")
    rc = main(["run", "+suite=tickets", f"tiers={tmp_path / 't.yaml'}", "cost_limit=5",
               f"results_dir={tmp_path / 'runs'}"])
    assert rc == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == ("error: cost_limit needs a price for every model; none known for nop "
                       "(set price: in the tier list)")
    assert not (tmp_path / "runs").exists()  # nothing written


def test_transient_provider_errors_are_retried_with_backoff(tmp_path: Path) -> None:
    CALLS.clear()
    assert _run(tmp_path, {"transient": 2}, "limit=1", "run_id=t1") == 0
    [(tid, n)] = CALLS.items()
    assert n == 3  # two 503s, then the answer
    from inspect_ai.log import read_eval_log

    [log] = (tmp_path / "runs" / "t1" / "logs").glob("*.eval")
    sample = read_eval_log(str(log)).samples[0]
    assert sample.error is None and sample.scores
    events = [e for e in sample.events if e.event == "model"]
    assert [str(e.error).startswith("TransientError") if e.error else None for e in events] == [
        True, True, None]  # each failed attempt is in the transcript
    assert events[-1].output.usage.input_tokens == 1000
    # backoff: inspect waits 3 s (plus jitter) before the first retry and 6 s before the second
    assert (events[1].timestamp - events[0].timestamp).total_seconds() >= 3
    assert sample.total_time >= 9


def test_a_sample_that_keeps_failing_is_an_error_and_the_run_goes_on(tmp_path: Path) -> None:
    CALLS.clear()
    from evals.suites import get
    from evals.taskspec import load_suite

    first = sorted(s.id for s in load_suite(get("tickets")))[0]
    assert _run(tmp_path, {"broken": [first]}, "limit=3", "fail_on_error=0.5",
                "retries.sample=1", "run_id=e1") == 0
    assert CALLS[first] == 2  # the sample was run again once, then recorded as an error
    f = load_frame([tmp_path / "runs" / "e1" / "logs"]).frame
    assert sorted(f["status"]) == ["error", "ok", "ok"]
    assert "rejects every request" in f[f["status"] == "error"]["error"].iloc[0]


def test_past_the_error_share_the_run_stops_with_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    CALLS.clear()
    from evals.suites import get
    from evals.taskspec import load_suite

    broken = sorted(s.id for s in load_suite(get("tickets")))[:2]
    assert _run(tmp_path, {"broken": broken}, "limit=3", "fail_on_error=0.5", "retries.sample=0",
                "retries.task=0", "max_samples=1", "run_id=e2") == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert [ln for ln in err.splitlines() if ln.startswith("error:")] == [
        "error: run e2 did not finish (scripted/dev): samples past the error share "
        "fail_on_error=0.5 or a task error; finished samples are kept, resume with resume=e2"]


def test_cost_limit_drains_every_model_of_the_run(tmp_path: Path) -> None:
    """Two models at once: the stop reaches both tasks; no third sample starts anywhere."""
    CALLS.clear()
    assert _run(tmp_path, {"usage": {"input_tokens": 1000, "output_tokens": 0}}, "limit=3",
                "max_samples=1", "cost_limit=2.5", "run_id=c2",
                price={"input": 1000.0, "output": 0.0}, names=("dev", "dev2")) == 3
    f = load_frame([tmp_path / "runs" / "c2" / "logs"]).frame
    assert len(f) == 6 and set(f["status"]) == {"ok", "missing"}
    ok = f[f["status"] == "ok"]
    # each model ran its first sample before the stop; the stop came at the third $1 call, so
    # at most one more sample was in flight, and no model's third sample ever started
    assert set(ok["model_name"]) == {"dev", "dev2"} and len(ok) in (3, 4)
    third = sorted(f["task"].unique())[2]
    assert set(f[f["task"] == third]["status"]) == {"missing"}
    record = json.loads((tmp_path / "runs" / "c2" / "run.json").read_text())
    assert record["spent_usd"] == float(len(ok))  # every call belongs to a kept sample


def test_a_resume_counts_spend_lost_with_a_killed_process(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Calls of samples that died with a `kill -9` were paid for but never logged: the running
    total kept in the run folder still counts them."""
    CALLS.clear()
    script = {"usage": {"input_tokens": 1000, "output_tokens": 0}}
    price = {"input": 1000.0, "output": 0.0}
    assert _run(tmp_path, script, "limit=1", "run_id=k9", "cost_limit=100", price=price) == 0
    run_dir = tmp_path / "runs" / "k9"
    assert json.loads((run_dir / "spend.json").read_text()) == {"spent_usd": 1.0}
    # as if two more calls were made by samples lost to a kill before they were logged
    (run_dir / "spend.json").write_text(json.dumps({"spent_usd": 3.0}))
    capsys.readouterr()
    assert _run(tmp_path, script, "limit=1", "resume=k9", "cost_limit=2.5", price=price) == 3
    assert "already spent $3.0000 of cost_limit $2.5" in capsys.readouterr().err
