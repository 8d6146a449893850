"""Adaptive sampling (`epochs=auto`, at most `epochs_max`): stop giving a task type more
epochs once more samples cannot change where the report will put it.

The report's verdict per task type rests on each tier's accept rate over tasks (a 95%
task-cluster bootstrap interval widened to a Wilson interval over the tasks, the tier's models
pooled: `intervals.cluster_rate`) read against the bar, and on the paired difference between
the tiers (`intervals.paired_interval`) read against the margin and zero. After each epoch that
every model of the run has completed for a task type, `StopRule.decide_type` asks of each of
those comparisons whether it is settled:

- decided: the bound is already past its threshold by `guard`;
- cannot change: more epochs on the same tasks only average away the noise within each task.
  The estimate can still move by a few standard errors of that noise (`Outlook.step`), and
  the interval keeps at least the width owed to tasks differing from each other (`floor`),
  and for a rate the Wilson width over the tasks. When the bound cannot reach its threshold
  even so, the comparison comes out the same however many epochs follow.

A comparison that cannot affect the verdict is not asked (the difference, when execution is
above the bar; the margin, when both tiers are below it). Epoch 1 always runs for every task.

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

from evals.constants import ACCEPTED, EXECUTION, REASONING, TASK_TYPE
from evals.intervals import cluster_rate, paired_interval, wilson

ABOVE, BELOW, CANNOT_REACH = "above the bar", "below the bar", "cannot reach the bar"


Z = 1.96


@dataclass(frozen=True)
class Outlook:
    """One interval now, and where its bounds can still go by the last epoch.

    More epochs on the same tasks only average away the noise within each task: the estimate
    may move by `step` (`spread` standard errors of that noise), and the bootstrap interval
    keeps a half-width of at least `floor`, the part owed to tasks differing from each other
    (the variance of per-task means less what the within-task noise explains, taken at its
    largest so the floor is never overstated). A rate over tasks is also never narrower than
    the Wilson interval over the tasks (`tasks`), whatever the epochs.
    """

    est: float
    lo: float
    hi: float
    step: float
    floor: float
    tasks: int | None = None  # set for a rate: its interval is widened to Wilson over tasks

    def best_lo(self) -> float:
        """The highest the lower bound can plausibly end at."""
        x = min(1.0, self.est + self.step) if self.tasks else self.est + self.step
        out = x - self.floor
        return min(out, wilson(x * self.tasks, self.tasks)[0]) if self.tasks else out

    def worst_hi(self) -> float:
        """The lowest the upper bound can plausibly end at."""
        x = max(0.0, self.est - self.step) if self.tasks else self.est - self.step
        out = x + self.floor
        return max(out, wilson(x * self.tasks, self.tasks)[1]) if self.tasks else out

    def lo_at_least(self, theta: float, guard: float) -> bool | None:
        """Will `lo >= theta` hold at the end: True, False, or None (open)."""
        if self.lo >= theta + guard:
            return True
        if self.best_lo() < theta - guard:
            return False
        return None

    def hi_below(self, theta: float, guard: float) -> bool | None:
        """Will `hi < theta` hold at the end: True, False, or None (open)."""
        if self.hi < theta - guard:
            return True
        if self.worst_hi() >= theta + guard:
            return False
        return None


@dataclass(frozen=True)
class StopRule:
    bar: float
    margin: float
    n_boot: int = 2000
    seed: int = 0
    max_epochs: int = 5
    min_epochs: int = 1
    spread: float = 2.0  # standard errors the estimate may still move
    guard: float = 0.02  # a bound this close to a threshold may still cross it

    def rate(self, sums: np.ndarray, counts: np.ndarray, epoch: int | None = None
             ) -> Outlook | None:
        """The rate's outlook after `epoch` epochs (default: one model, counts are epochs)."""
        sums, counts = np.asarray(sums, float), np.asarray(counts, float)
        p, lo, hi = cluster_rate(sums, counts, self.n_boot, self.seed)
        if math.isnan(p):
            return None
        seen = counts > 0
        tasks, n = int(seen.sum()), counts.sum()
        per_task = sums[seen] / counts[seen]
        within = self.within(per_task, counts[seen], p)
        between = max(float(per_task.var()) - within / counts[seen].mean(), 0.0)
        now = n / tasks
        final = now * self.max_epochs / (epoch or now)
        return Outlook(p, lo, hi, self.step(within, tasks, now, final),
                       Z * math.sqrt(between / tasks), tasks)

    def step(self, within: float, tasks: int, now: float, final: float) -> float:
        """How far the estimate may still move, with `now` samples per task so far and `final`
        at the last epoch: the remaining samples' mean differs from the current one by
        within-task noise only, and the final estimate moves by the remaining share of that
        difference (`spread` standard errors of it)."""
        left = final - now
        if left <= 0:
            return 0.0
        return self.spread * (left / final) * math.sqrt(within / tasks * (1 / left + 1 / now))

    @staticmethod
    def within(means: np.ndarray, counts: np.ndarray, p: float) -> float:
        """The variance of one sample's outcome within a task, averaged over tasks: unbiased
        from tasks sampled at least twice, else the most a rate near p allows (nothing yet
        says how much a task varies from one epoch to the next)."""
        twice = counts >= 2
        if not twice.any():
            shrunk = (p * counts.sum() + 0.5) / (counts.sum() + 1)  # 3 of 3 is not certainty
            return shrunk * (1 - shrunk)
        m, c = means[twice], counts[twice]
        return max(float(np.mean(m * (1 - m) * c / (c - 1))), 1e-9)

    def decide(self, sums: np.ndarray, counts: np.ndarray, epoch: int | None = None
               ) -> tuple[str | None, dict[str, float]]:
        """Why one rate's sampling stops (ABOVE, BELOW, CANNOT_REACH) or None, from per-task
        successes and samples after `epoch` epochs; with the rate and interval behind it."""
        o = self.rate(sums, counts, epoch)
        if o is None:
            return None, {"rate": math.nan, "lo": math.nan, "hi": math.nan, "samples": 0.0}
        facts = {"rate": o.est, "lo": o.lo, "hi": o.hi, "samples": float(np.sum(counts))}
        above, below = o.lo_at_least(self.bar, self.guard), o.hi_below(self.bar, self.guard)
        if above:
            return ABOVE, facts
        if below:
            return BELOW, facts
        if above is False and below is False:
            return CANNOT_REACH, facts
        return None, facts

    def decide_type(self, tiers: dict[str, tuple[np.ndarray, np.ndarray]],
                    diffs: tuple[np.ndarray, np.ndarray] | None, epoch: int
                    ) -> tuple[str | None, dict[str, Any]]:
        """Whether a task type's sampling stops for every model.

        `tiers`: per tier, per-task successes and samples (the tier's models pooled, as the
        report pools them). `diffs`: per shared task, execution's mean minus reasoning's, and
        the samples behind each (None with one tier). Stops when each tier is settled against
        the bar and, unless execution is above it, the paired difference is settled against
        the margin (is execution within it?) and zero (is reasoning better?).
        """
        facts: dict[str, Any] = {}
        reasons = []
        for tier, (sums, counts) in sorted(tiers.items()):
            why, f = self.decide(sums, counts, epoch)
            facts[tier] = {k: round(v, 4) for k, v in f.items()}
            if why is None:
                return None, facts
            reasons.append(f"{tier} {why}")
        if diffs is not None and len(diffs[0]) and len(tiers) > 1 and ABOVE not in reasons[0]:
            d, n = np.asarray(diffs[0], float), np.asarray(diffs[1], float)
            est, lo, hi = paired_interval(d, self.n_boot, self.seed)
            within = sum(self.within(s / np.maximum(c, 1), c, float(s.sum() / c.sum()))
                         for s, c in (tiers[t] for t in sorted(tiers)))
            between = max(float(d.var()) - within / (n.mean() / 2), 0.0)
            now = n.mean() / 2
            o = Outlook(est, lo, hi, self.step(within, len(d), now, now * self.max_epochs / epoch),
                        Z * math.sqrt(between / len(d)))
            facts["diff"] = {"diff": round(est, 4), "lo": round(lo, 4), "hi": round(hi, 4)}
            # both tiers below the bar: only "is reasoning better" can change the verdict
            both_below = all(BELOW in r for r in reasons)
            if ((not both_below and o.lo_at_least(-self.margin, self.guard) is None)
                    or o.hi_below(0.0, self.guard) is None):
                return None, facts
            reasons.append("the paired difference is settled")
        return "; ".join(reasons), facts


class Coordinator:
    """What every model of a run has scored, per task type, for joint stops: the report pools
    a tier's models and compares the tiers, so a task type stops for all models at once, and
    only on an epoch every model of the run has completed for it."""

    def __init__(self, rule: StopRule, models: dict[str, str]) -> None:
        self.rule = rule
        self.models = dict(models)  # model key -> tier, every model the run will sample
        self.ids: dict[str, list[str | int]] = {}
        self.outcomes: dict[tuple[str, str | int, int], float | None] = {}
        self.stopped: dict[str, dict[str, Any]] = {}
        self.checked: dict[str, int] = {}

    def complete(self, t: str, epoch: int) -> bool:
        return all((m, i, epoch) in self.outcomes for m in self.models for i in self.ids[t])

    def check(self, t: str, epoch: int) -> None:
        """Decide for type t on epochs 1..epoch (complete for every model)."""
        if t in self.stopped or epoch < self.rule.min_epochs or self.checked.get(t, 0) >= epoch:
            return
        self.checked[t] = epoch
        per_tier: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for tier in sorted(set(self.models.values())):
            sums, counts = [], []
            for i in self.ids[t]:
                vals = [v for m, mt in self.models.items() if mt == tier
                        for e in range(1, epoch + 1)
                        if (v := self.outcomes.get((m, i, e))) is not None]
                sums.append(sum(vals))
                counts.append(len(vals))
            per_tier[tier] = (np.array(sums, float), np.array(counts, float))
        diffs = None
        if len(per_tier) == 2:
            (se, ce), (sr, cr) = per_tier[EXECUTION], per_tier[REASONING]
            both = (ce > 0) & (cr > 0)
            diffs = (se[both] / ce[both] - sr[both] / cr[both], ce[both] + cr[both])
        why, facts = self.rule.decide_type(per_tier, diffs, epoch)
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


def adaptive_sampling(rule: StopRule, models: dict[str, str], suite_name: str
                      ) -> dict[str, AdaptiveSampling]:
    """The early-stopping hooks of one run, one per model (key -> tier), sharing what they see."""
    co = Coordinator(rule, models)
    return {m: AdaptiveSampling(
        co, m, accepted_of,
        lambda sample: str((sample.metadata or {}).get(TASK_TYPE) or suite_name))
        for m in models}
