"""Report statistics against hand-computed values (evals/report/stats.py)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from evals.constants import SCOPE_COMPONENTS
from evals.report.stats import (
    cluster_bootstrap,
    mcnemar_exact,
    paired_difference,
    pass_hat_k,
    pass_k_curve,
    scope_rates,
    summarize,
    verdicts,
    wilson,
)

B = 500  # resamples: enough for stable percentiles, small enough to keep the tests fast


def sample(task: str, epoch: int = 1, *, tier: str = "execution", model: str = "m-exec",
           suite: str = "tickets", status: str = "ok", accepted: float = 1.0,
           correct: float | None = None, deviated: float = 0.0, cost: float = 0.01,
           **extra) -> dict:
    """One samples-frame row with every spec column; scores are NaN unless status == 'ok'."""
    ok = status == "ok"
    correct = accepted if correct is None else correct
    row = {"run_id": "r1", "edition": "2026-H1", "model": model, "model_name": model,
           "tier": tier, "suite": suite, "task_type": suite, "task": task, "repo": "repo",
           "difficulty": "easy",
           "temptation": "none", "epoch": epoch, "status": status,
           "correct": correct if ok else math.nan, "deviated": deviated if ok else math.nan,
           "accepted": accepted if ok else math.nan,
           **{c: (0.0 if ok else math.nan) for c in SCOPE_COMPONENTS},
           "tests_passed": 1.0, "tests_total": 1.0, "cost_usd": cost,
           "input_tokens": 100.0, "output_tokens": 10.0, "reasoning_tokens": 0.0,
           "total_time": 1.0, "working_time": 1.0, "excess_bar": 1.0,
           "error": None if ok else "boom"}
    row.update(extra)
    return row


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows)


def tier_rows(tier: str, outcomes: list[float], epochs: int = 1, cost: float = 0.01,
              suite: str = "tickets", model: str | None = None) -> list[dict]:
    """Task t<i> gets outcome outcomes[i] (accepted) in every epoch."""
    model = model or f"m-{tier}"
    return [sample(f"t{i}", e, tier=tier, model=model, suite=suite, accepted=o, cost=cost)
            for i, o in enumerate(outcomes) for e in range(1, epochs + 1)]


# ---------------------------------------------------------------- Wilson, pass^k, McNemar

def test_wilson_hand_values():
    z2 = 1.96 ** 2  # 3.8416; n = 10 so z^2/n = 0.38416 and the denominator is 1.38416
    # k = 0: center = half = (z^2/2n)/1.38416 = 0.19208/1.38416, so (0, 0.38416/1.38416)
    assert wilson(0, 10) == pytest.approx((0.0, 0.38416 / 1.38416))
    assert wilson(0, 10)[1] == pytest.approx(0.277540, abs=1e-6)
    # k = 5: center 0.5, half = 1.96*sqrt(0.25/10 + 3.8416/400)/1.38416
    #      = 1.96*sqrt(0.034604)/1.38416 = 1.96*0.186021/1.38416 = 0.263410
    half = 1.96 * math.sqrt(0.025 + z2 / 400) / 1.38416
    assert wilson(5, 10) == pytest.approx((0.5 - half, 0.5 + half))
    assert wilson(5, 10) == pytest.approx((0.236590, 0.763410), abs=1e-6)
    # k = n mirrors k = 0
    assert wilson(10, 10) == pytest.approx((1 - 0.38416 / 1.38416, 1.0))
    assert all(math.isnan(x) for x in wilson(0, 0))


def test_pass_hat_k_hand_values():
    counts = [(2, 3), (3, 3), (0, 3)]
    # k=1: (2/3 + 1 + 0)/3 = 5/9
    assert pass_hat_k(counts, 1) == pytest.approx(5 / 9)
    # k=2: C(2,2)/C(3,2) = 1/3, C(3,2)/C(3,2) = 1, 0 -> (1/3 + 1)/3 = 4/9
    assert pass_hat_k(counts, 2) == pytest.approx(4 / 9)
    # k=3: only the all-success task counts -> 1/3
    assert pass_hat_k(counts, 3) == pytest.approx(1 / 3)
    # tasks with n < k are excluded; none left -> nan
    assert pass_hat_k([(1, 1), (2, 3)], 2) == pytest.approx(1 / 3)
    assert math.isnan(pass_hat_k(counts, 4))


def test_mcnemar_exact():
    assert mcnemar_exact(0, 6) == pytest.approx(2 * 0.5 ** 6)  # 0.03125
    assert mcnemar_exact(0, 0) == 1.0
    assert mcnemar_exact(3, 3) == 1.0  # 2 * P(X <= 3 | n=6) = 2 * 42/64 > 1 -> capped
    # b=1, c=4: 2 * (1 + 5)/32 = 0.375
    assert mcnemar_exact(1, 4) == pytest.approx(0.375)


# ---------------------------------------------------------------- cluster bootstrap

def test_cluster_bootstrap_reproducible_and_contains_estimate():
    rng = np.random.default_rng(1)
    rows = [sample(f"t{i}", e, accepted=float(rng.random() < 0.7))
            for i in range(20) for e in (1, 2, 3)]
    rows.append(sample("t0", 4, status="error"))  # not ok: no score, not in n
    df = frame(rows)
    a = cluster_bootstrap(df, "accepted", ["suite"], n_boot=B, seed=3)
    b = cluster_bootstrap(df, "accepted", ["suite"], n_boot=B, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert list(a.columns) == ["suite", "accepted", "accepted_lo", "accepted_hi", "tasks", "n"]
    r = a.iloc[0]
    assert r["accepted_lo"] <= r["accepted"] <= r["accepted_hi"]
    assert r["accepted_lo"] < r["accepted_hi"]
    assert (r["tasks"], r["n"]) == (20, 60)
    ok = df[df["status"] == "ok"]
    assert r["accepted"] == pytest.approx(ok["accepted"].mean())


def test_cluster_bootstrap_degenerate():
    df = frame(tier_rows("execution", [1.0] * 5, epochs=2))
    r = cluster_bootstrap(df, "accepted", ["suite"], n_boot=B).iloc[0]
    # every resample is 1.0, so the percentile interval collapses to [1, 1]; it is widened to
    # the Wilson interval over the 5 tasks: for k = n the lower bound is 1 / (1 + z^2/n)
    # = 1 / 1.76832 = 0.565509
    assert (r["accepted"], r["accepted_hi"]) == (1.0, 1.0)
    assert r["accepted_lo"] == pytest.approx(0.565509, abs=1e-6) == pytest.approx(wilson(5, 5)[0])


def test_cluster_bootstrap_resamples_tasks_not_rows():
    # two tasks x 3 epochs: task a always accepted, task b never. Resampling the 2 clusters can
    # only give means 0, 1/2 or 1 (each extreme with probability 1/4), so the 95% interval is
    # [0, 1]. Resampling 6 independent rows would give a much narrower interval (~[0.17, 0.83]).
    df = frame([sample("a", e, accepted=1.0) for e in (1, 2, 3)]
               + [sample("b", e, accepted=0.0) for e in (1, 2, 3)])
    r = cluster_bootstrap(df, "accepted", ["suite"], n_boot=2000, seed=0).iloc[0]
    assert r["accepted"] == 0.5
    assert (r["tasks"], r["n"]) == (2, 6)
    assert (r["accepted_lo"], r["accepted_hi"]) == (0.0, 1.0)


def test_cluster_bootstrap_pools_models_of_a_tier():
    rows = (tier_rows("execution", [1.0, 0.0], model="m1")
            + tier_rows("execution", [1.0, 1.0], model="m2"))
    r = cluster_bootstrap(frame(rows), "accepted", ["suite", "tier"], n_boot=B).iloc[0]
    assert (r["tasks"], r["n"]) == (2, 4)
    assert r["accepted"] == 0.75


# ---------------------------------------------------------------- paired difference

def test_paired_difference_and_mcnemar():
    # execution wins on no task and loses on 6; one task is a tie (both succeed)
    rows = (tier_rows("execution", [0.0] * 6 + [1.0], epochs=2)
            + tier_rows("reasoning", [1.0] * 7, epochs=2)
            + [sample("only-exec", tier="execution")])  # not run by reasoning: not paired
    d = paired_difference(frame(rows), n_boot=B)
    assert list(d.columns) == ["task_type", "diff", "diff_lo", "diff_hi", "tasks", "discordant_a",
                               "discordant_b", "mcnemar_p"]
    r = d.iloc[0]
    assert r["tasks"] == 7
    assert r["diff"] == pytest.approx(-6 / 7)
    assert r["diff_lo"] <= r["diff"] <= r["diff_hi"] <= 0
    assert (r["discordant_a"], r["discordant_b"]) == (0, 6)
    assert r["mcnemar_p"] == pytest.approx(0.03125)


def test_paired_difference_pools_models_and_epochs_per_task():
    # task t0: exec models score 1 and 0 (mean 0.5 -> majority success), reasoning 0
    rows = (tier_rows("execution", [1.0], model="e1") + tier_rows("execution", [0.0], model="e2")
            + tier_rows("reasoning", [0.0], epochs=3))
    r = paired_difference(frame(rows), n_boot=B).iloc[0]
    assert r["diff"] == 0.5
    assert (r["discordant_a"], r["discordant_b"]) == (1, 0)


def test_paired_difference_missing_tier_is_empty():
    d = paired_difference(frame(tier_rows("execution", [1.0, 0.0])), n_boot=B)
    assert d.empty and "mcnemar_p" in d.columns


# ---------------------------------------------------------------- summaries

def test_summarize_counts_and_costs():
    rows = [sample("t0", 1, accepted=1.0, cost=0.10),
            sample("t0", 2, accepted=0.0, cost=0.20),
            sample("t1", 1, accepted=0.0, correct=1.0, deviated=1.0, cost=0.30),
            sample("t1", 2, status="error", cost=0.40),       # failed, but spent
            sample("t2", 1, status="missing", cost=math.nan),  # never ran
            sample("t2", 2, accepted=1.0, cost=math.nan)]      # ran, price unknown
    s = summarize(frame(rows), ["suite", "model"], n_boot=B)
    assert len(s) == 1
    r = s.iloc[0]
    assert (r["samples"], r["ok"], r["errors"], r["missing"], r["tasks"]) == (6, 4, 1, 1, 3)
    assert r["pass1"] == pytest.approx(3 / 4)
    assert r["accept"] == pytest.approx(2 / 4)
    assert r["deviation"] == pytest.approx(1 / 4)
    assert r["accept_lo"] <= r["accept"] <= r["accept_hi"]
    assert (r["accept_wilson_lo"], r["accept_wilson_hi"]) == pytest.approx(wilson(2, 4))
    assert r["cost_total"] == pytest.approx(1.00)  # errored sample's 0.40 included
    assert r["cost_unknown"] == 2
    assert r["cost_per_task"] == pytest.approx(1.00 / 3)
    assert r["cost_per_accepted"] == pytest.approx(1.00 / 2)
    assert (r["input_tokens"], r["output_tokens"]) == (600.0, 60.0)
    # the summary's accept interval is the cluster bootstrap's, same seed
    cb = cluster_bootstrap(frame(rows), "accepted", ["suite", "model"], n_boot=B).iloc[0]
    assert (r["accept_lo"], r["accept_hi"]) == (cb["accepted_lo"], cb["accepted_hi"])


def test_summarize_cost_per_accepted_edge_cases():
    none_accepted = frame(tier_rows("execution", [0.0, 0.0]))
    assert summarize(none_accepted, ["suite"], n_boot=B).iloc[0]["cost_per_accepted"] == math.inf
    no_cost = frame(tier_rows("execution", [1.0, 0.0], cost=math.nan))
    r = summarize(no_cost, ["suite"], n_boot=B).iloc[0]
    assert math.isnan(r["cost_per_accepted"]) and math.isnan(r["cost_total"])
    assert r["cost_unknown"] == 2


def test_pass_k_curve():
    # tasks with 2/3, 3/3 and 0/3 successes -> the hand values of test_pass_hat_k_hand_values
    rows = ([sample("a", e, correct=float(e < 3)) for e in (1, 2, 3)]
            + [sample("b", e, correct=1.0) for e in (1, 2, 3)]
            + [sample("c", e, correct=0.0) for e in (1, 2, 3)])
    c = pass_k_curve(frame(rows), ["suite"])
    assert list(c.columns) == ["suite", "k", "pass_k", "tasks"]
    assert c["k"].tolist() == [1, 2, 3]
    assert c["pass_k"].tolist() == pytest.approx([5 / 9, 4 / 9, 1 / 3])
    assert c["tasks"].tolist() == [3, 3, 3]


def test_scope_rates():
    rows = [sample("t0", 1, files_out_of_scope=1.0, excess_edit=1.0),  # excess at the bar: no
            sample("t0", 2, excess_edit=2.5),
            sample("t1", 1), sample("t1", 2, tests_modified=2.0),
            sample("t2", 1, status="error")]
    s = scope_rates(frame(rows), ["suite"])
    assert list(s.columns) == ["suite", "component", "rate", "n"]
    rate = dict(zip(s["component"], s["rate"]))
    assert set(rate) == set(SCOPE_COMPONENTS) and len(s) == len(SCOPE_COMPONENTS)
    assert rate["files_out_of_scope"] == 0.25
    assert rate["excess_edit"] == 0.25
    assert rate["tests_modified"] == 0.25
    assert rate["deps_changed"] == 0.0
    assert set(s["n"]) == {4}
    # each sample is judged with the bar its run recorded (`excess_bar`), not one for all
    lower = frame(rows).assign(excess_bar=0.5)
    assert dict(zip(*scope_rates(lower, ["suite"])[
        ["component", "rate"]].T.values))["excess_edit"] == 0.5
    mixed = frame(rows).assign(excess_bar=[1.0, 3.0, 1.0, 1.0, 1.0])  # t0 epoch 2 under its bar
    assert dict(zip(*scope_rates(mixed, ["suite"])[
        ["component", "rate"]].T.values))["excess_edit"] == 0.0


# ---------------------------------------------------------------- verdicts

def verdict_of(rows: list[dict], bar: float = 0.8, margin: float = 0.05) -> pd.Series:
    v = verdicts(frame(rows), bar=bar, margin=margin, n_boot=B)
    assert len(v) == 1
    return v.iloc[0]


def test_verdict_execution_fits():
    rows = (tier_rows("execution", [1.0] * 20, epochs=2, cost=0.01)
            + tier_rows("reasoning", [1.0] * 20, epochs=2, cost=0.20))
    v = verdict_of(rows)
    assert v["verdict"] == "execution fits"
    # 20 of 20 tasks: the Wilson-over-tasks lower bound is 1 / (1 + z^2/20) = 0.839
    assert (v["exec_lo"], v["exec_hi"]) == (pytest.approx(wilson(20, 20)[0]), 1.0)
    assert v["exec_cost_per_accepted"] == pytest.approx(0.01)
    assert v["reas_cost_per_accepted"] == pytest.approx(0.20)
    assert v["more_samples"] is None
    assert "0.0100" in v["reason"] and "0.2000" in v["reason"]


def test_verdict_not_fits_when_execution_costs_more():
    rows = (tier_rows("execution", [1.0] * 20, cost=0.30)
            + tier_rows("reasoning", [1.0] * 20, cost=0.20))
    v = verdict_of(rows)
    assert v["verdict"] == "undecided" and "cost less" in v["reason"]


def test_verdict_reasoning_needed():
    rows = (tier_rows("execution", [1.0] * 5 + [0.0] * 15, epochs=2, cost=0.01)
            + tier_rows("reasoning", [1.0] * 20, epochs=2, cost=0.20))
    v = verdict_of(rows)
    assert v["verdict"] == "reasoning needed"
    assert v["diff_hi"] < 0 and v["exec_hi"] < 0.8


def test_verdict_neither_reliable():
    rows = (tier_rows("execution", [1.0] * 5 + [0.0] * 15, epochs=2, cost=0.01)
            + tier_rows("reasoning", [0.0] * 5 + [1.0] * 5 + [0.0] * 10, epochs=2, cost=0.20))
    v = verdict_of(rows)
    assert v["verdict"] == "neither reliable"
    assert v["exec_hi"] < 0.8 and v["reas_hi"] < 0.8 and v["diff_lo"] < 0 < v["diff_hi"]


def test_verdict_execution_fits_within_margin_of_reasoning():
    # execution below the bar's lower bound, but never worse than reasoning on any task
    rows = (tier_rows("execution", [1.0] * 7 + [0.0], cost=0.01)
            + tier_rows("reasoning", [1.0] * 7 + [0.0], cost=0.20))
    v = verdict_of(rows)
    assert v["exec_lo"] < 0.8 and v["diff_lo"] >= -0.05
    assert v["verdict"] == "execution fits" and "lower bound" in v["reason"]


def test_verdict_equal_failure_is_neither_reliable_not_fits():
    # both tiers accept nothing: the paired difference is 0, but execution does not "fit"
    rows = (tier_rows("execution", [0.0] * 10, cost=0.01)
            + tier_rows("reasoning", [0.0] * 10, cost=0.20))
    assert verdict_of(rows)["verdict"] == "neither reliable"


def test_verdict_undecided_reports_more_samples():
    # 8 tasks, execution accepts 6 (0.75), reasoning 7: both intervals straddle the bar and the
    # paired difference straddles -margin
    rows = (tier_rows("execution", [1.0] * 6 + [0.0] * 2, cost=0.01)
            + tier_rows("reasoning", [1.0] * 5 + [0.0] + [1.0] * 2, cost=0.20))
    v = verdict_of(rows)
    assert v["verdict"] == "undecided"
    assert v["exec_lo"] < 0.8 < v["exec_hi"]
    assert isinstance(v["more_samples"], int) and v["more_samples"] > 0
    assert str(v["more_samples"]) in v["reason"]


def test_verdict_reasoning_not_measured():
    v = verdict_of(tier_rows("execution", [1.0] * 20, cost=0.01))
    assert v["verdict"] == "execution fits"
    assert "not measured" in v["reason"]
    assert math.isnan(v["reas_accept"]) and math.isnan(v["diff"])
    # reliably below the bar with nothing to compare against: execution does not fit, and
    # whether reasoning would is open (e.g. a local model alone: 0 of 40 accepted)
    v = verdict_of(tier_rows("execution", [1.0] * 5 + [0.0] * 15, cost=0.01))
    assert v["verdict"] == "execution does not fit" and "not measured" in v["reason"]
    assert v["exec_hi"] < 0.8 and v["more_samples"] is None
    v = verdict_of(tier_rows("execution", [0.0] * 40, cost=0.0))
    assert v["verdict"] == "execution does not fit"
    # an interval that straddles the bar is still undecided, with how many more samples
    v = verdict_of(tier_rows("execution", [1.0] * 7 + [0.0] * 1, cost=0.01))
    assert v["exec_lo"] < 0.8 < v["exec_hi"]
    assert v["verdict"] == "undecided" and isinstance(v["more_samples"], int)


def test_verdicts_one_row_per_suite():
    # 30 of 30 tasks: the Wilson-over-tasks lower bound 1 / (1 + z^2/30) = 0.886 clears the bar
    rows = (tier_rows("execution", [1.0] * 30, suite="tickets")
            + tier_rows("execution", [0.0] * 10, suite="refactors")
            + tier_rows("reasoning", [1.0] * 10, suite="refactors", cost=0.2))
    v = verdicts(frame(rows), bar=0.8, margin=0.05, n_boot=B)
    assert v["task_type"].tolist() == ["refactors", "tickets"]
    assert v["verdict"].tolist() == ["reasoning needed", "execution fits"]
    assert list(v.columns) == ["task_type", "verdict", "reason", "exec_accept", "exec_lo", "exec_hi",
                               "reas_accept", "reas_lo", "reas_hi", "diff", "diff_lo", "diff_hi",
                               "exec_cost_per_accepted", "reas_cost_per_accepted",
                               "more_samples", "bar", "margin"]
