"""Adaptive sampling (`epochs=auto`, at most `epochs_max`): stop giving a task type more
epochs once more samples are very unlikely to change the verdict the report will give it.

The report's verdict per task type (`stats.verdicts`) rests on each tier's accept rate over
tasks (a task-cluster bootstrap interval widened to a Wilson interval over the tasks, the
tier's models pooled) read against the bar, on the paired difference between the tiers read
against the margin and zero, and on which tier costs less per accepted change. After each
epoch that every model of the run has completed for a task type, `StopRule.decide_type`
forecasts the run's end:

- the verdict now: the same reading, on what has been sampled so far;
- `sims` simulated completions: for each tier and task, a success rate drawn from what that
  task has shown so far (a Beta posterior, with a weak prior of `prior` samples at the tier's
  rate: one epoch says little about a task), and the remaining epochs' outcomes drawn from it;
  then the verdict each completed table would get.

Sampling stops when the verdict now is the verdict of at least 1 - `risk` of the completions:
what the report would say after every epoch is then, as far as the data can tell, what it
says now. Epoch 1 always runs. The forecast reads the intervals with one bootstrap matrix shared
by every completion (vectorized; `evals.intervals` computes the report's own), so the benchmark
compares its stops against the report's real verdict function.

`AdaptiveSampling` is inspect's early-stopping hook, one per model, all sharing one
`Coordinator`: inspect asks it before each sample starts (epoch by epoch), and tells it every
score. A stop is decided only on epochs complete for every model, so a sample asked about while
another model is still finishing the previous epoch simply runs: a stop can come a few samples
late, never early. A sample that errors has no score, so its epoch never completes and its task
type runs every epoch. `benchmarks/adaptive_sampling.py` measures the rule against fixed
5-epoch runs on simulated outcome tables.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from evals.constants import (
    ACCEPTED,
    COST,
    EXECUTION,
    EXECUTION_DOES_NOT_FIT,
    EXECUTION_FITS,
    NEITHER_RELIABLE,
    REASONING,
    REASONING_NEEDED,
    TASK_TYPE,
    UNDECIDED,
)
from evals.intervals import wilson_many

# verdicts as codes, for many completions at once
VERDICTS = (EXECUTION_FITS, REASONING_NEEDED, NEITHER_RELIABLE, UNDECIDED, EXECUTION_DOES_NOT_FIT)
_FITS, _NEEDED, _NEITHER, _UNDECIDED, _NOT_FIT = range(len(VERDICTS))


@dataclass(frozen=True)
class Tier:
    """One tier's outcomes on a task type's tasks (the same task order for every tier): per task,
    successes and scored samples so far, the samples it will have after the last epoch, and the
    mean cost of one sample (None while any price is unknown)."""

    sums: np.ndarray
    counts: np.ndarray
    finals: np.ndarray
    cost: float | None


def _rate(sums: np.ndarray, counts: np.ndarray, boot: np.ndarray
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`intervals.cluster_rate` for many tables of one tier (rows of `sums`), with one
    bootstrap matrix (`boot`: tasks x draws, how often each task is drawn)."""
    p = sums.sum(axis=1) / counts.sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        draws = (sums @ boot) / (counts @ boot)[None, :]
    lo, hi = np.nanpercentile(draws, [2.5, 97.5], axis=1)
    wlo, whi = wilson_many(p * int((counts > 0).sum()), int((counts > 0).sum()))
    return p, np.minimum(lo, wlo), np.maximum(hi, whi)


def boot_counts(tasks: int, draws: int, rng: np.random.Generator) -> np.ndarray:
    """A task-cluster bootstrap as a matrix (tasks x draws): how often each draw takes each
    task. One matrix serves many tables at once (`classify`)."""
    boot = np.zeros((tasks, draws))
    idx = rng.integers(0, tasks, size=(draws, tasks))
    np.add.at(boot, (idx, np.arange(draws)[:, None]), 1)
    return boot


def classify(ex: Tier, re: Tier | None, sums_e: np.ndarray, sums_r: np.ndarray | None,
             counts_e: np.ndarray, counts_r: np.ndarray | None, boot: np.ndarray, bar: float,
             margin: float) -> np.ndarray:
    """The verdict code `stats._verdict` gives each table (rows of `sums_e`, `sums_r`: the
    tiers' per-task successes out of `counts_*` samples), its branches in its order; `ex` and
    `re` give the costs."""
    n = len(sums_e)
    if counts_e.sum() == 0:
        return np.full(n, _UNDECIDED)
    p, lo, hi = _rate(sums_e, counts_e, boot)
    if re is None or sums_r is None or counts_r is None or counts_r.sum() == 0:
        return np.where(lo >= bar, _FITS,
                        np.where(hi < bar, _NOT_FIT, _UNDECIDED))
    _, _, rhi = _rate(sums_r, counts_r, boot)
    shared = (counts_e > 0) & (counts_r > 0)
    if shared.any():
        d = sums_e[:, shared] / counts_e[shared] - sums_r[:, shared] / counts_r[shared]
        sub = boot[shared]
        # a resample draws from the shared tasks only, as the report's paired bootstrap does
        draws = (d @ sub) / np.maximum(sub.sum(axis=0), 1)[None, :]
        dlo, dhi = np.percentile(draws, [2.5, 97.5], axis=1)
    else:
        dlo = dhi = np.full(n, math.nan)
    accepted_e, accepted_r = sums_e.sum(axis=1), sums_r.sum(axis=1)
    spend_e = math.nan if ex.cost is None else ex.cost * counts_e.sum()
    spend_r = math.nan if re.cost is None else re.cost * counts_r.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        none = math.inf if spend_e > 0 else math.nan  # spend, nothing accepted
        per_e = np.where(accepted_e > 0, spend_e / accepted_e, none)
        per_r = spend_r / accepted_r
        per_task = (spend_e / max(int((counts_e > 0).sum()), 1)
                    < spend_r / max(int((counts_r > 0).sum()), 1))
    cheaper = np.where(accepted_r == 0, per_task, per_e < per_r)
    both_below = (hi < bar) & (rhi < bar)
    good = (lo >= bar) | ((dlo >= -margin) & ~both_below)
    out = np.full(n, _UNDECIDED)
    open_ = np.ones(n, bool)
    for cond, code in ((good & cheaper, _FITS), ((dhi < 0) & (hi < bar), _NEEDED),
                       (both_below, _NEITHER)):
        hit = open_ & cond
        out[hit] = code
        open_ &= ~hit
    return out


@dataclass(frozen=True)
class StopRule:
    bar: float
    margin: float
    n_boot: int = 1000  # bootstrap draws shared by every simulated completion (at most 1000)
    seed: int = 0
    max_epochs: int = 5
    min_epochs: int = 1
    sims: int = 200  # simulated completions per decision
    risk: float = 0.03  # the verdict may still change in at most this share of them
    prior: float = 2.0  # samples' worth of the tier's rate in each task's Beta posterior

    def forecast(self, tiers: dict[str, Tier], epoch: int) -> tuple[str, float]:
        """The verdict now, and the share of simulated completions that end with it."""
        rng = np.random.default_rng((self.seed, epoch))
        ex, re = tiers.get(EXECUTION), tiers.get(REASONING)
        if ex is None:
            return UNDECIDED, 1.0  # no execution tier: the verdict cannot be anything else
        tasks = len(ex.sums)
        boot = boot_counts(tasks, min(self.n_boot, 1000), rng)

        def now(t: Tier | None) -> np.ndarray | None:
            return None if t is None else t.sums[None, :].astype(float)

        def completed(t: Tier | None) -> np.ndarray | None:
            if t is None:
                return None
            rate = (t.sums.sum() + 1) / (t.counts.sum() + 2)
            a = self.prior * rate + t.sums
            b = self.prior * (1 - rate) + (t.counts - t.sums)
            p = rng.beta(np.broadcast_to(a, (self.sims, tasks)),
                         np.broadcast_to(b, (self.sims, tasks)))
            left = np.maximum(t.finals - t.counts, 0).astype(int)
            return t.sums + rng.binomial(np.broadcast_to(left, (self.sims, tasks)), p)

        code = int(classify(ex, re, now(ex), now(re), ex.counts, None if re is None else re.counts,
                            boot, self.bar, self.margin)[0])
        ends = classify(ex, re, completed(ex), completed(re), ex.finals,
                        None if re is None else re.finals, boot, self.bar, self.margin)
        return VERDICTS[code], float(np.mean(ends == code))

    def decide_type(self, tiers: dict[str, Tier], epoch: int
                    ) -> tuple[str | None, dict[str, Any]]:
        """Whether a task type's sampling stops for every model after `epoch` epochs: why, or
        None; with the numbers behind it."""
        verdict, agree = self.forecast(tiers, epoch)
        facts: dict[str, Any] = {
            "verdict_now": verdict, "same_at_the_end": round(agree, 3),
            **{name: {"rate": round(float(t.sums.sum() / max(t.counts.sum(), 1)), 4),
                      "samples": float(t.counts.sum())} for name, t in sorted(tiers.items())}}
        if agree < 1 - self.risk:
            return None, facts
        return (f"the verdict ({verdict}) is the same after epoch {self.max_epochs} in "
                f"{agree:.0%} of {self.sims} simulated completions"), facts


class Coordinator:
    """What every model of a run has scored, per task type, for joint stops: the report pools
    a tier's models and compares the tiers, so a task type stops for all models at once, and
    only on an epoch every model of the run has completed for it."""

    def __init__(self, rule: StopRule, models: dict[str, str]) -> None:
        self.rule = rule
        self.models = dict(models)  # model key -> tier, every model the run will sample
        self.ids: dict[str, list[str | int]] = {}
        self.outcomes: dict[tuple[str, str | int, int], float | None] = {}
        self.costs: dict[tuple[str, str | int, int], float | None] = {}
        self.stopped: dict[str, dict[str, Any]] = {}
        self.checked: dict[str, int] = {}

    def complete(self, t: str, epoch: int) -> bool:
        return all((m, i, epoch) in self.outcomes for m in self.models for i in self.ids[t])

    def check(self, t: str, epoch: int) -> None:
        """Decide for type t on epochs 1..epoch (complete for every model)."""
        if t in self.stopped or epoch < self.rule.min_epochs or self.checked.get(t, 0) >= epoch:
            return
        self.checked[t] = epoch
        tiers: dict[str, Tier] = {}
        for tier in sorted(set(self.models.values())):
            models = [m for m, mt in self.models.items() if mt == tier]
            sums, counts = [], []
            for i in self.ids[t]:
                vals = [v for m in models for e in range(1, epoch + 1)
                        if (v := self.outcomes.get((m, i, e))) is not None]
                sums.append(sum(vals))
                counts.append(len(vals))
            costs = [self.costs.get((m, i, e)) for m in models for i in self.ids[t]
                     for e in range(1, epoch + 1)]
            known = [c for c in costs if c is not None]
            cost = sum(known) / len(known) if known and len(known) == len(costs) else None
            tiers[tier] = Tier(np.array(sums, float), np.array(counts, float),
                               np.full(len(sums), float(self.rule.max_epochs * len(models))),
                               cost)
        why, facts = self.rule.decide_type(tiers, epoch)
        if why is not None:
            self.stopped[t] = {"after_epoch": epoch, "reason": why, **facts}


class AdaptiveSampling:
    """inspect's EarlyStopping protocol for one model's eval task: before each sample of epoch
    2 or later, the newest epoch of its task type that every model has completed decides
    (`Coordinator.check`); once a type stops, its later epochs are skipped for this model."""

    def __init__(self, coordinator: Coordinator, model: str,
                 value: Callable[[dict[str, Any]], float | None],
                 task_type: Callable[[Any], str]) -> None:
        self.co = coordinator
        self.model = model
        self.value = value  # a sample's accepted (0/1) from its scores, None if not scored
        self.type_of_sample = task_type
        self.types: dict[str | int, str] = {}
        self.early: list[tuple[str | int, int]] = []

    async def start_task(self, task: Any, samples: list[Any], epochs: int) -> str:
        for s in samples:
            t = self.type_of_sample(s)
            self.types[s.id] = t
            ids = self.co.ids.setdefault(t, [])
            if s.id not in ids:
                ids.append(s.id)
        return "tierfit-adaptive"

    async def schedule_sample(self, id: str | int, epoch: int) -> Any:
        from inspect_ai.util import EarlyStop

        t = self.types.get(id)
        if t is None or epoch <= 1:
            return None
        for e in range(epoch - 1, 0, -1):
            if self.co.complete(t, e):
                self.co.check(t, e)
                break
        stop = self.co.stopped.get(t)
        if stop is None or stop["after_epoch"] >= epoch:
            return None
        self.early.append((id, epoch))
        return EarlyStop(id=id, epoch=epoch,
                         reason=f"{t}: {stop['reason']} after epoch {stop['after_epoch']}",
                         metadata={"task_type": t})

    async def complete_sample(self, id: str | int, epoch: int, scores: dict[str, Any]) -> None:
        self.co.outcomes[(self.model, id, epoch)] = self.value(scores)
        self.co.costs[(self.model, id, epoch)] = cost_of(scores)

    async def complete_task(self) -> dict[str, Any]:
        r = self.co.rule
        return {"max_epochs": r.max_epochs, "bar": r.bar, "margin": r.margin,
                "models": dict(self.co.models), "stopped": dict(self.co.stopped),
                "samples_skipped": len(self.early)}


def accepted_of(scores: dict[str, Any]) -> float | None:
    """A sample's accepted (0/1) from its scores (inspect's SampleScore per scorer); None when
    no scorer gave one (an error: not counted, as the report leaves it out of the rates)."""
    for s in scores.values():
        value = getattr(getattr(s, "score", s), "value", None)
        if isinstance(value, dict) and value.get(ACCEPTED) is not None:
            return float(value[ACCEPTED])
    return None


def cost_of(scores: dict[str, Any]) -> float | None:
    """A sample's cost in USD from the shared cost scorer; None when its price is unknown."""
    for s in scores.values():
        value = getattr(getattr(s, "score", s), "value", None)
        if isinstance(value, dict) and COST in value:
            return None if value[COST] is None else float(value[COST])
    return None


def adaptive_sampling(rule: StopRule, models: dict[str, str], suite_name: str
                      ) -> dict[str, AdaptiveSampling]:
    """The early-stopping hooks of one run, one per model (key -> tier), sharing what they see."""
    co = Coordinator(rule, models)
    return {m: AdaptiveSampling(
        co, m, accepted_of,
        lambda sample: str((sample.metadata or {}).get(TASK_TYPE) or suite_name))
        for m in models}
