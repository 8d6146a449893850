"""Adaptive sampling (`epochs=auto`) against a fixed 5-epoch run, on simulated outcome tables.

Each case is one task type with T tasks, one execution and one reasoning model. Each tier has a
true accept rate (a grid around the bar, from far below to far above it); each task's own rate
is drawn around it from a Beta distribution (tasks differ: some are easy, some hard), and each
(model, task, epoch) outcome is a Bernoulli draw. Everything is seeded.

- fixed: all 5 epochs, the report's verdict (`stats.verdicts`, the real function) on them.
- adaptive: the same outcome table, read epoch by epoch; after each complete epoch the task
  type's sampling stops for both models when `evals.adaptive.StopRule.decide_type` says so
  (only the epochs drawn so far count), then the same verdict function on the samples it drew.

Prints the share of cases where the two verdicts agree (target >= 95%) and the adaptive run's
samples as a share of the fixed run's (target <= 50%), overall and per true-rate pair.

    python benchmarks/adaptive_sampling.py [--cases-per-cell 12] [--seed 0]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evals.adaptive import StopRule, Tier  # noqa: E402
from evals.constants import EXECUTION, OK, REASONING, TASK_TYPE  # noqa: E402
from evals.report.stats import verdicts  # noqa: E402

EPOCHS = 5
BAR, MARGIN = 0.8, 0.05
RATES = (0.3, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0)
TASKS = (10, 20, 40)
CONCENTRATION = 4.0  # Beta(a, b) with a + b = 4 around the tier's rate: tasks differ widely
COST = {EXECUTION: 0.01, REASONING: 0.10}  # per sample: execution is the cheap tier


def task_rates(rng: np.random.Generator, mean: float, n: int) -> np.ndarray:
    if mean >= 1.0 or mean <= 0.0:
        return np.full(n, mean)
    return rng.beta(mean * CONCENTRATION, (1 - mean) * CONCENTRATION, size=n)


def frame(outcomes: dict[str, np.ndarray], used: dict[str, int]) -> pd.DataFrame:
    rows = []
    for tier, table in outcomes.items():
        for task in range(table.shape[0]):
            for epoch in range(used[tier]):
                rows.append({"tier": tier, TASK_TYPE: "t", "task": f"task{task}",
                             "epoch": epoch + 1, "status": OK,
                             "accepted": float(table[task, epoch]), "cost_usd": COST[tier]})
    return pd.DataFrame(rows)


def adaptive_epochs(rule: StopRule, outcomes: dict[str, np.ndarray]) -> int:
    """The epoch after which the run's `Coordinator` stops the task type: both tiers' tables
    read epoch by epoch with `StopRule.decide_type`, as `evals.adaptive` does in a run."""
    n_tasks = outcomes[EXECUTION].shape[0]
    for e in range(max(1, rule.min_epochs), EPOCHS):
        tiers = {t: Tier(tab[:, :e].sum(axis=1), np.full(n_tasks, float(e)),
                         np.full(n_tasks, float(EPOCHS)), COST[t])
                 for t, tab in outcomes.items()}
        if rule.decide_type(tiers, e)[0] is not None:
            return e
    return EPOCHS


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases-per-cell", type=int, default=12)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--bootstrap", type=int, default=1000)
    args = ap.parse_args(argv)
    rule = StopRule(bar=BAR, margin=MARGIN, n_boot=args.bootstrap, max_epochs=EPOCHS)
    rng = np.random.default_rng(args.seed)
    t0 = time.perf_counter()
    results = []
    for n_tasks, re_, ex in itertools.product(TASKS, RATES, RATES):
        for _ in range(args.cases_per_cell):
            outcomes = {tier: (rng.random((n_tasks, EPOCHS)) <
                               task_rates(rng, rate, n_tasks)[:, None]).astype(float)
                        for tier, rate in ((EXECUTION, ex), (REASONING, re_))}
            full = {EXECUTION: EPOCHS, REASONING: EPOCHS}
            stop = adaptive_epochs(rule, outcomes)
            used = {EXECUTION: stop, REASONING: stop}
            v_fixed = verdicts(frame(outcomes, full), bar=BAR, margin=MARGIN,
                               n_boot=args.bootstrap).iloc[0]["verdict"]
            v_adapt = verdicts(frame(outcomes, used), bar=BAR, margin=MARGIN,
                               n_boot=args.bootstrap).iloc[0]["verdict"]
            results.append({"tasks": n_tasks, "exec": ex, "reas": re_, "fixed": v_fixed,
                            "adaptive": v_adapt, "same": v_fixed == v_adapt,
                            "share": sum(used.values()) / (2 * EPOCHS)})
    df = pd.DataFrame(results)
    print(f"{len(df)} cases ({args.cases_per_cell} per cell: tasks {TASKS} x execution rate x "
          f"reasoning rate {RATES}), bar {BAR}, margin {MARGIN}, {EPOCHS} epochs fixed, "
          f"seed {args.seed}; {time.perf_counter() - t0:.0f} s")
    by = df.groupby("tasks").agg(same=("same", "mean"), share=("share", "mean"))
    for n, row in by.iterrows():
        print(f"  {n:>3} tasks: same verdict {row['same']:.1%}, samples {row['share']:.1%}")
    near = (abs(df["exec"] - BAR) <= 0.1) | (abs(df["reas"] - BAR) <= 0.1)
    for name, part in (("a tier within 0.1 of the bar", df[near]),
                       ("both tiers further from it", df[~near])):
        print(f"  {name} ({len(part)} cases): same verdict {part['same'].mean():.1%}, "
              f"samples {part['share'].mean():.1%}")
    worst = (df.groupby(["exec", "reas"])["same"].mean().sort_values().head(5))
    print("  least agreement (execution rate, reasoning rate): "
          + ", ".join(f"({e:g}, {r:g}) {v:.0%}" for (e, r), v in worst.items()))
    print(f"same verdict as the fixed {EPOCHS}-epoch run: {df['same'].mean():.1%} "
          f"(target >= 95%)")
    print(f"samples, adaptive / fixed: {df['share'].mean():.1%} (target <= 50%)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
