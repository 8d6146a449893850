"""`cost_limit=<usd>`: a spending cap for a whole run, across its models and resumes.

inspect's own `cost_limit` caps one sample. This caps the run: every model call is priced as it
completes (the same per-call prices as the scorer, `tiers.price_call`), and once the run's spend,
including what earlier invocations of a resumed run spent, reaches the cap, every task of the run
is drained with inspect's own drain (`inspect ctl task drain`): samples still queued are not
started, samples in flight finish and are scored (so nothing that was paid for is thrown away),
and each log records how many samples it resolved, so `resume=<run-id>` with a higher
`cost_limit` runs exactly the samples that were left.

The overshoot is bounded by what the samples in flight at the moment of the stop spend until
they finish: at most `max_samples` samples per model.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from inspect_ai.hooks import Hooks, ModelUsageData, TaskEnd, TaskStart, hooks

from evals import runs
from evals.errors import UserError


@dataclass
class RunBudget:
    limit: float
    spent_before: float = 0.0  # by earlier invocations of this run (a resume)
    spent_now: float = 0.0
    run_dir: Path | None = None  # where the running total is kept (survives kill -9)
    tasks: dict[str, str] = field(default_factory=dict)  # eval_id -> task_id of running tasks
    stopped_at: str | None = None

    @property
    def spent(self) -> float:
        return self.spent_before + self.spent_now

    def save(self) -> None:
        if self.run_dir is not None:
            runs.save_spend(self.run_dir, self.spent)

    def stop(self) -> None:
        from inspect_ai._control.cancel import drain_task

        if self.stopped_at is None:
            self.stopped_at = runs.now()
            print(f"\ncost_limit ${self.limit:g} reached (${self.spent:.4f} spent): no new "
                  "samples start; samples in flight finish", file=sys.stderr)
        for task_id in list(self.tasks.values()):
            drain_task(task_id)


_ACTIVE: RunBudget | None = None


def require_drain() -> None:
    """inspect's task drain (`inspect ctl task drain`): without it the limit could not be kept."""
    try:
        from inspect_ai._control.cancel import drain_task  # noqa: F401
    except ImportError:
        raise UserError("cost_limit needs inspect-ai's task drain, which this inspect-ai lacks: "
                        "install the version pinned in pyproject.toml") from None


def start(limit: float, spent_before: float, run_dir: Path) -> RunBudget:
    global _ACTIVE
    _ACTIVE = RunBudget(limit=limit, spent_before=spent_before, run_dir=run_dir)
    return _ACTIVE


def finish() -> None:
    global _ACTIVE
    _ACTIVE = None


@hooks(name="tierfit_cost_limit", description="Stops a tierfit run at its cost_limit.")
class CostLimitHook(Hooks):
    def enabled(self) -> bool:
        return _ACTIVE is not None

    async def on_task_start(self, data: TaskStart) -> None:
        b = _ACTIVE
        if b is None:
            return
        b.tasks[data.eval_id] = data.spec.task_id
        if b.stopped_at is not None:  # a task that starts after the stop runs nothing
            b.stop()

    async def on_task_end(self, data: TaskEnd) -> None:
        if _ACTIVE is not None:
            _ACTIVE.tasks.pop(data.eval_id, None)

    async def on_model_usage(self, data: ModelUsageData) -> None:
        from evals.tiers import REGISTERED, price_call

        b = _ACTIVE
        if b is None:
            return
        m = REGISTERED.get(data.model_name)  # every model of the run is priced (checked first)
        cost = price_call(m, data.usage) if m is not None else None
        if cost is None:
            return
        b.spent_now += cost
        b.save()
        if b.spent >= b.limit:
            b.stop()
