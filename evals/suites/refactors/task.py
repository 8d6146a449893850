"""The refactors suite's inspect Task: one sample per refactor, the repo in the sandbox."""

from __future__ import annotations

from typing import Any

from inspect_ai import Task, task

from evals.constants import BRIEF, SCOPED, SOLO, SolverName
from evals.suites.base import RunContext
from evals.suites.refactors.scorer import refactor_scorer
from evals.suites.refactors.spec import RefactorSpec
from evals.suites.sample import asked_samples, repo_task


def build(specs: list[RefactorSpec], ctx: RunContext) -> Task:
    opts = ctx.options
    samples = [x for s in specs
               for x in asked_samples(s, {SCOPED: s.ticket, BRIEF: s.brief}, ctx.clarities)]
    return repo_task("refactors", samples, ctx,
                     refactor_scorer(excess_bar=opts.excess_bar, test_timeout=opts.test_timeout,
                                     sandbox_spec=ctx.sandbox))


@task
def refactors(solver: SolverName | None = None, sandbox: str = "auto",
              task_ids: list[str] | None = None, tasks_root: str | None = None,
              sandbox_limits: dict[str, int] | None = None, clarity: str = SCOPED,
              workflow: str = SOLO, **options: Any) -> Task:
    """Refactors on the fixture repos (tasks/refactors/): behaviour kept, structure changed,
    nothing else touched; options as in configs/suite/refactors.yaml."""
    from evals.suites import get

    return get("refactors").inspect_task(solver, sandbox, task_ids, tasks_root, sandbox_limits,
                                         clarity, workflow, **options)
