"""Adaptive sampling (epochs=auto): the stopping rule, inspect's early-stopping hook, the frame
and the `run` path with scripted models."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from evals.adaptive import (
    ABOVE,
    BELOW,
    CANNOT_REACH,
    AdaptiveSampling,
    Coordinator,
    StopRule,
    accepted_of,
)
from evals.config import ConfigError
from evals.constants import OUTCOMES
from evals.intervals import cluster_rate
from evals.report.frame import load_frame
from evals.report.stats import _cluster_stats
from evals.sandbox.bwrap import bwrap_problem

RULE = StopRule(bar=0.8, margin=0.05, n_boot=500)


def test_cluster_rate_is_the_reports_interval() -> None:
    """The rule decides with exactly the report's numbers (same bootstrap, same widening)."""
    import pandas as pd

    rng = np.random.default_rng(3)
    rows = [{"task": f"t{i}", "accepted": float(rng.random() < 0.7), "status": "ok"}
            for i in range(25) for _ in range(3)]
    df = pd.DataFrame(rows)
    s = _cluster_stats(df, ["accepted"], 500, 0)
    per = df.groupby("task")["accepted"].agg(["sum", "count"])
    p, lo, hi = cluster_rate(per["sum"].to_numpy(), per["count"].to_numpy(), 500, 0)
    assert (p, lo, hi) == pytest.approx((s["accepted"], s["accepted_lo"], s["accepted_hi"]))


def test_stop_rule_decides_clear_rates_and_gives_up_on_hopeless_ones() -> None:
    ones, zeros = np.ones(40), np.zeros(40)
    count = np.ones(40)
    assert RULE.decide(ones, count)[0] == ABOVE  # 40 of 40: Wilson lower bound 0.91
    assert RULE.decide(zeros, count)[0] == BELOW
    # 10 tasks, 3 epochs, 8 always accepted and 2 never: the bar sits inside the Wilson
    # interval over 10 tasks of every rate the next epochs could plausibly give
    eight = np.array([3.0] * 8 + [0.0] * 2)
    why, facts = RULE.decide(eight, np.full(10, 3.0))
    assert why == CANNOT_REACH and facts["rate"] == pytest.approx(0.8)
    # 5 of 10 after one epoch: more epochs may still bring the upper bound below the bar
    assert RULE.decide(np.array([1.0] * 5 + [0.0] * 5), np.ones(10))[0] is None
    # 40 tasks at 34/40 (0.85): neither side of the bar is settled, more epochs may settle it
    near = np.array([1.0] * 34 + [0.0] * 6)
    assert RULE.decide(near, count)[0] is None
    # 10 of 10 tasks accepted: over 10 tasks the lower bound tops out at 0.72 (Wilson), so no
    # number of epochs can show the bar is cleared
    assert RULE.decide(np.ones(10), np.ones(10))[0] == CANNOT_REACH
    assert RULE.decide(np.array([]), np.array([]))[0] is None


def test_accepted_of_reads_the_suites_score_and_ignores_errors() -> None:
    from inspect_ai.scorer import SampleScore, Score

    scores = {"ticket_scorer": SampleScore(score=Score(value={"accepted": 1, "correct": 1})),
              "cost": SampleScore(score=Score(value={"cost_usd": 0.1}))}
    assert accepted_of(scores) == 1.0
    assert accepted_of({"cost": SampleScore(score=Score(value={"cost_usd": 0.1}))}) is None
    assert accepted_of({}) is None


def _hook_run(outcomes: dict[str, list[int]], types: dict[str, str], epochs: int,
              max_samples: int) -> tuple[dict, object]:
    """An inspect eval with mockllm whose scorer replays `outcomes[id][epoch-1]` as accepted,
    under the adaptive hook. Returns (sample id -> epochs run, the log)."""
    from inspect_ai import Task
    from inspect_ai import eval as inspect_eval
    from inspect_ai.dataset import Sample
    from inspect_ai.model import ModelOutput, ModelUsage, get_model
    from inspect_ai.scorer import Score, scorer
    from inspect_ai.solver import generate

    @scorer(metrics=[])
    def replay():  # noqa: ANN202
        async def score(state, target):  # noqa: ANN001, ANN202
            v = outcomes[str(state.sample_id)][state.epoch - 1]
            return Score(value={**dict.fromkeys(OUTCOMES, 0), "accepted": v, "correct": v})
        return score

    def out() -> ModelOutput:
        o = ModelOutput.from_content("mockllm/model", "ok")
        o.usage = ModelUsage(input_tokens=1, output_tokens=1, total_tokens=2)
        return o

    n = len(outcomes) * epochs
    model = get_model("mockllm/model", custom_outputs=[out() for _ in range(n)])
    rule = StopRule(bar=0.8, margin=0.05, n_boot=500, max_epochs=epochs)
    hook = AdaptiveSampling(Coordinator(rule, {"m": "execution"}), "m", accepted_of,
                            lambda s: s.metadata["task_type"])
    task = Task(dataset=[Sample(input="q", id=i, metadata={"task_type": types[i]})
                         for i in outcomes],
                solver=generate(), scorer=replay(), early_stopping=hook)
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        [log] = inspect_eval(task, model=model, epochs=epochs, display="none", log_dir=d,
                             max_samples=max_samples)
        ran: dict[str, int] = {}
        for s in log.samples or []:
            ran[str(s.id)] = ran.get(str(s.id), 0) + 1
        frame = load_frame([Path(d)]).frame
    return ran, (log, hook, frame)


def test_hook_stops_each_task_type_when_its_standing_is_settled() -> None:
    """40 'easy' tasks always accepted stop after epoch 1 (above the bar). 40 'near' tasks, 34
    always accepted and 6 never (0.85), are open after epoch 1 (nothing yet says how much a
    task varies between epochs) and stop after epoch 2: no task varied, so the interval cannot
    narrow past the Wilson interval over 40 tasks, which holds the bar. The log's
    early-stopping summary names every skipped sample, and the frame does not count them as
    missing."""
    outcomes, types = {}, {}
    for i in range(40):
        outcomes[f"easy{i}"] = [1, 1, 1, 1]
        types[f"easy{i}"] = "easy"
        # 34 tasks always accepted, 6 never: 0.85 stays 0.85, the interval keeps the bar in
        v = 1 if i < 34 else 0
        outcomes[f"near{i}"] = [v] * 4
        types[f"near{i}"] = "near"
    ran, (log, hook, frame) = _hook_run(outcomes, types, epochs=4, max_samples=4)
    # at most the samples in flight when epoch 1 completed ran late (a stop is never early)
    easy_runs = sum(ran[f"easy{i}"] for i in range(40))
    assert all(ran[f"easy{i}"] >= 1 for i in range(40)) and 40 <= easy_runs <= 44
    near_runs = sum(ran[f"near{i}"] for i in range(40))
    assert all(ran[f"near{i}"] >= 2 for i in range(40)) and 80 <= near_runs <= 84
    summary = log.results.early_stopping
    assert summary.manager == "tierfit-adaptive"
    assert len(summary.early_stops) == 320 - easy_runs - near_runs
    stopped = summary.metadata["stopped"]
    assert (stopped["easy"]["reason"], stopped["easy"]["after_epoch"]) == (
        f"execution {ABOVE}", 1)
    assert (stopped["near"]["reason"], stopped["near"]["after_epoch"]) == (
        f"execution {CANNOT_REACH}", 2)
    assert len(frame) == easy_runs + near_runs and set(frame["status"]) == {"ok"}


def test_hook_never_stops_on_an_incomplete_epoch() -> None:
    """With many samples in flight, epoch 2 starts before epoch 1 has finished: those samples
    run (a stop comes late, never early), and the stop still comes once epoch 1 is complete."""
    outcomes = {f"t{i}": [0, 0, 0, 0, 0] for i in range(20)}
    types = {k: "all" for k in outcomes}
    ran, (log, hook, _) = _hook_run(outcomes, types, epochs=5, max_samples=30)
    assert all(n >= 1 for n in ran.values())
    stop = hook.co.stopped["all"]
    assert (stop["reason"], stop["after_epoch"]) == (f"execution {BELOW}", 1)
    # every sample that ran past epoch 1 was scheduled before epoch 1 was complete
    assert sum(ran.values()) < 100 and len(log.results.early_stopping.early_stops) == (
        100 - sum(ran.values()))


def test_epochs_auto_config(tmp_path: Path) -> None:
    from evals.config import load as load_settings

    s = load_settings(["+suite=tickets", "epochs=auto"])
    assert s.adaptive and s.epochs == 5
    s = load_settings(["+suite=tickets", "epochs=auto", "epochs_max=8"])
    assert s.adaptive and s.epochs == 8
    s = load_settings(["+suite=tickets", "epochs=3"])
    assert not s.adaptive and s.epochs == 3
    with pytest.raises(ConfigError, match="epochs must be a whole number >= 1 or auto"):
        load_settings(["+suite=tickets", "epochs=sometimes"])
    with pytest.raises(ConfigError,
                       match="with epochs=auto, epochs_max must be a whole number >= 2"):
        load_settings(["+suite=tickets", "epochs=auto", "epochs_max=1"])


@pytest.mark.skipif(bwrap_problem() is not None, reason=str(bwrap_problem()))
def test_run_with_epochs_auto_stops_both_tiers_together(tmp_path: Path) -> None:
    """The real `run` path, one model per tier on 3 tickets: execution answers with the
    reference (always accepted), reasoning changes nothing (never). After epoch 1 every model's
    standing is settled: over 3 tasks execution cannot show it clears the bar (the Wilson lower
    bound of 3/3 is 0.44), reasoning is below it, and the paired difference is far from zero
    and the margin. So the task type stops for both models at once and epochs 2-3 never run;
    the frame has no missing rows and the report reads it."""
    from inspect_ai.log import read_eval_log

    from evals.cli import main
    from evals.suites import get
    from evals.taskspec import load_suite
    from tests import scripted_model  # noqa: F401
    from tests.conftest import file_blocks, patched_files

    specs = sorted(load_suite(get("tickets")), key=lambda s: s.id)[:3]
    ref = {s.id: file_blocks(patched_files(s, s.reference, tmp_path)) for s in specs}
    usage = {"input_tokens": 100, "output_tokens": 10}
    (tmp_path / "ref.json").write_text(json.dumps({"usage": usage, "answers": ref}))
    (tmp_path / "none.json").write_text(json.dumps({"usage": usage,
                                                    "answers": {"*": "No change."}}))

    def entry(n: str) -> str:
        return (f"    - {{name: {n}, model: scripted/{n}, solver: oneshot, "
                f"price: {{input: 1.0, output: 5.0}}, "
                f"model_args: {{script: '{tmp_path / f'{n}.json'}'}}}}")

    tiers = tmp_path / "tiers.yaml"
    tiers.write_text(f"edition: scripted\nmade_on: 2026-11-01\ntiers:\n  execution:\n"
                     f"{entry('ref')}\n  reasoning:\n{entry('none')}\n")
    rc = main(["run", "+suite=tickets", f"tiers={tiers}", "display=none", "limit=3",
               "epochs=auto", "epochs_max=3", "max_samples=1", "max_tasks=2",
               f"results_dir={tmp_path / 'runs'}", "run_id=a1"])
    assert rc == 0
    frame = load_frame([tmp_path / "runs" / "a1" / "logs"]).frame
    # a model that finished epoch 1 first may start one epoch-2 sample before the other
    # model's epoch 1 is complete (one sample at a time each): late, never early
    sizes = frame.groupby("model_name").size().to_dict()
    assert set(sizes) == {"ref", "none"} and all(3 <= n <= 4 for n in sizes.values())
    assert frame["epoch"].max() <= 2
    assert set(frame["status"]) == {"ok"}  # skipped samples are not missing
    assert frame[frame["model_name"] == "ref"]["accepted"].eq(1).all()
    for log in (tmp_path / "runs" / "a1" / "logs").glob("*.eval"):
        h = read_eval_log(str(log), header_only=True)
        es = h.results.early_stopping
        ran = sizes[h.eval.model.split("/")[-1]]
        assert len(es.early_stops) == 9 - ran and 3 in {s.epoch for s in es.early_stops}
        stop = es.metadata["stopped"]["tickets"]
        assert stop["after_epoch"] == 1
        assert stop["reason"] == (f"execution {CANNOT_REACH}; reasoning {BELOW}; "
                                  "the paired difference is settled")
    assert main(["report", f"results_dir={tmp_path / 'runs'}", "run=a1",
                 f"out={tmp_path / 'rep'}"]) == 0
