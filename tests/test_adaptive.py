"""Adaptive sampling (epochs=auto): the stopping rule, inspect's early-stopping hook, the frame
and the `run` path with scripted models."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from evals.adaptive import (
    AdaptiveSampling,
    Coordinator,
    StopRule,
    Tier,
    accepted_of,
    boot_counts,
    classify,
    cost_of,
)
from evals.config import ConfigError
from evals.constants import (
    EXECUTION,
    EXECUTION_DOES_NOT_FIT,
    EXECUTION_FITS,
    NEITHER_RELIABLE,
    OUTCOMES,
    REASONING,
    UNDECIDED,
)
from evals.intervals import cluster_rate
from evals.report.frame import load_frame
from evals.report.stats import _cluster_stats
from evals.sandbox.bwrap import bwrap_problem


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


def _tier(sums, epochs: int, cost: float | None = 0.01, final: int = 5) -> Tier:  # noqa: ANN001
    sums = np.asarray(sums, float)
    return Tier(sums, np.full(len(sums), float(epochs)), np.full(len(sums), float(final)), cost)


def test_the_forecasts_verdict_is_the_reports() -> None:
    """`classify` reads a table as `stats.verdicts` does: on 300 random two-tier tables (rates
    around the bar, 10-40 tasks, 1-5 epochs, either tier cheaper) it gives the report's verdict
    wherever no interval bound sits within 0.05 of its threshold (there the two bootstraps'
    draws may differ: over 10 tasks a percentile moves in steps that large), and nearly
    everywhere else."""
    import pandas as pd

    from evals.report.stats import verdicts

    rng = np.random.default_rng(11)
    codes = ("execution fits", "reasoning needed", "neither reliable", "undecided")
    clear = agree = total = 0
    for _ in range(300):
        n, e = int(rng.choice([10, 20, 40])), int(rng.integers(1, 6))
        rates = {EXECUTION: rng.uniform(0.3, 1.0), REASONING: rng.uniform(0.3, 1.0)}
        costs = {EXECUTION: 0.01, REASONING: float(rng.choice([0.001, 0.1]))}
        tables = {t: (rng.random((n, e)) < rng.beta(4 * r + 1e-9, 4 * (1 - r) + 1e-9, n)[:, None]
                      ).astype(float) for t, r in rates.items()}
        rows = [{"tier": t, "task_type": "x", "task": f"k{i}", "epoch": j + 1, "status": "ok",
                 "accepted": tab[i, j], "cost_usd": costs[t]}
                for t, tab in tables.items() for i in range(n) for j in range(e)]
        v = verdicts(pd.DataFrame(rows), bar=0.8, margin=0.05, n_boot=1000).iloc[0]
        tiers = {t: Tier(tab.sum(1), np.full(n, float(e)), np.full(n, float(e)), costs[t])
                 for t, tab in tables.items()}
        boot = boot_counts(n, 1000, rng)
        ex, re = tiers[EXECUTION], tiers[REASONING]
        got = codes[int(classify(ex, re, ex.sums[None], re.sums[None], ex.counts, re.counts,
                                 boot, 0.8, 0.05)[0])]
        near = any(abs(v[k] - th) < 0.05 for k, th in (
            ("exec_lo", 0.8), ("exec_hi", 0.8), ("reas_hi", 0.8), ("diff_lo", -0.05),
            ("diff_hi", 0.0)))
        total += 1
        agree += got == v["verdict"]
        if not near:
            clear += 1
            assert got == v["verdict"], (dict(v), got)
    assert clear > 150 and agree / total >= 0.95, (clear, agree, total)


def test_stop_rule_stops_when_the_end_is_foreseen_and_not_before() -> None:
    rule = StopRule(bar=0.8, margin=0.05, n_boot=500)
    # 40 tasks all accepted by execution, none by reasoning, after one epoch: execution fits
    # (Wilson lower bound over 40 tasks 0.91) and no completion changes that
    why, facts = rule.decide_type({EXECUTION: _tier(np.ones(40), 1),
                                   REASONING: _tier(np.zeros(40), 1, cost=0.1)}, 1)
    assert why is not None and facts["verdict_now"] == EXECUTION_FITS
    assert facts["same_at_the_end"] >= 0.95
    # both tiers about half: neither is reliable, now and at the end
    half = np.array([1.0, 0.0] * 20)
    why, facts = rule.decide_type({EXECUTION: _tier(half, 1), REASONING: _tier(half, 1)}, 1)
    assert why is not None and facts["verdict_now"] == NEITHER_RELIABLE
    # execution at 0.9 over 40 tasks after one epoch, reasoning at 0.9 too: whether execution
    # clears the bar is open, the remaining epochs decide it
    near = np.array([1.0] * 36 + [0.0] * 4)
    why, facts = rule.decide_type({EXECUTION: _tier(near, 1), REASONING: _tier(near, 1, 0.1)}, 1)
    assert why is None and facts["same_at_the_end"] < 0.95
    # execution only, 10 of 10 tasks: over 10 tasks the lower bound tops out at 0.72 (Wilson),
    # so no epoch can show the bar is cleared: undecided, and it stays so
    why, facts = rule.decide_type({EXECUTION: _tier(np.ones(10), 1)}, 1)
    assert why is not None and facts["verdict_now"] == UNDECIDED
    why, facts = rule.decide_type({EXECUTION: _tier(np.zeros(40), 1)}, 1)
    assert why is not None and facts["verdict_now"] == EXECUTION_DOES_NOT_FIT
    # no execution tier: the verdict cannot be anything but undecided
    assert rule.decide_type({REASONING: _tier(np.ones(40), 1)}, 1)[0] is not None


def test_cost_of_reads_the_cost_scorer() -> None:
    from inspect_ai.scorer import Score

    assert cost_of({"cost": Score(value={"cost_usd": 0.25})}) == 0.25
    assert cost_of({"cost": Score(value={"cost_usd": None})}) is None
    assert cost_of({"ticket_scorer": Score(value={"accepted": 1})}) is None


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
    """One model (execution only). 40 'easy' tasks always accepted stop after epoch 1: the
    execution tier fits, and keeps fitting in the completions. 40 'near' tasks, 38 always
    accepted and 2 never, fit after epoch 1 too, but one epoch says little about a task: in a
    fifth of the completions the two failures spread and the lower bound drops below the bar.
    Each epoch the same two tasks fail again and the forecast firms up (after epoch 2, 96.5% of
    the completions keep the verdict, short of 97%; after epoch 3 all do): they stop then, with
    one epoch of the four left out. The log's
    early-stopping summary names every skipped sample, and the frame does not count them as
    missing."""
    outcomes, types = {}, {}
    for i in range(40):
        outcomes[f"easy{i}"] = [1, 1, 1, 1]
        types[f"easy{i}"] = "easy"
        outcomes[f"near{i}"] = [1] * 4 if i < 38 else [0] * 4
        types[f"near{i}"] = "near"
    ran, (log, hook, frame) = _hook_run(outcomes, types, epochs=4, max_samples=4)
    # at most the samples in flight when epoch 1 completed ran late (a stop is never early)
    easy_runs = sum(ran[f"easy{i}"] for i in range(40))
    assert all(ran[f"easy{i}"] >= 1 for i in range(40)) and 40 <= easy_runs <= 44
    near_runs = sum(ran[f"near{i}"] for i in range(40))
    assert all(ran[f"near{i}"] >= 3 for i in range(40)) and 120 <= near_runs <= 124
    summary = log.results.early_stopping
    assert summary.manager == "tierfit-adaptive"
    assert len(summary.early_stops) == 320 - easy_runs - near_runs
    stopped = summary.metadata["stopped"]
    assert (stopped["easy"]["verdict_now"], stopped["easy"]["after_epoch"]) == (
        EXECUTION_FITS, 1)
    assert "simulated completions" in stopped["easy"]["reason"]
    assert (stopped["near"]["verdict_now"], stopped["near"]["after_epoch"]) == (
        EXECUTION_FITS, 3)
    assert len(frame) == easy_runs + near_runs and set(frame["status"]) == {"ok"}


def test_hook_never_stops_on_an_incomplete_epoch() -> None:
    """With many samples in flight, epoch 2 starts before epoch 1 has finished: those samples
    run (a stop comes late, never early), and the stop still comes once epoch 1 is complete."""
    outcomes = {f"t{i}": [0, 0, 0, 0, 0] for i in range(20)}
    types = {k: "all" for k in outcomes}
    ran, (log, hook, _) = _hook_run(outcomes, types, epochs=5, max_samples=30)
    assert all(n >= 1 for n in ran.values())
    stop = hook.co.stopped["all"]
    assert (stop["verdict_now"], stop["after_epoch"]) == (EXECUTION_DOES_NOT_FIT, 1)
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
    reference (always accepted), reasoning changes nothing (never) at ten times the price.
    After epoch 1 the verdict is settled: execution is as good as reasoning (the paired
    difference is far above the margin) and costs less per task, however the remaining epochs
    go. So the task type stops for both models at once and epochs 2-3 never run; the frame has
    no missing rows and the report reads it."""
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
        price = "{input: 1.0, output: 5.0}" if n == "ref" else "{input: 10.0, output: 50.0}"
        return (f"    - {{name: {n}, model: scripted/{n}, solver: oneshot, "
                f"price: {price}, "
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
        assert stop["verdict_now"] == EXECUTION_FITS and stop["same_at_the_end"] >= 0.95
    assert main(["report", f"results_dir={tmp_path / 'runs'}", "run=a1",
                 f"out={tmp_path / 'rep'}"]) == 0
