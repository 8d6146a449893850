"""The refactors suite's inspect Task: one sample per refactor, the repo in the sandbox."""

from __future__ import annotations

from typing import Any

from inspect_ai import Task, task
from inspect_ai.dataset import MemoryDataset, Sample

from evals.constants import AGENT, SolverName
from evals.scorers.cost import cost
from evals.scorers.worktree import GIT_SETUP
from evals.solvers import solver_for
from evals.suites.base import RunContext
from evals.suites.refactors.scorer import refactor_scorer
from evals.suites.refactors.spec import RefactorSpec
from evals.taskspec import repo_files


def refactor_sample(spec: RefactorSpec) -> Sample:
    files = {p: str(spec.repo_dir / p) for p in repo_files(spec.repo_dir)}
    return Sample(id=spec.id, input=spec.ticket, files=files, setup=GIT_SETUP,
                  metadata=spec.metadata())


def build(specs: list[RefactorSpec], ctx: RunContext) -> Task:
    opts = ctx.options
    return Task(
        dataset=MemoryDataset([refactor_sample(s) for s in specs], name="refactors"),
        solver=solver_for(ctx.solver, opts),
        scorer=[refactor_scorer(excess_bar=opts.excess_bar, test_timeout=opts.test_timeout,
                                sandbox_spec=ctx.sandbox), cost()],
        sandbox=ctx.sandbox,
        message_limit=opts.message_limit if ctx.solver == AGENT else None,
        metadata={"suite": "refactors", "solver": ctx.solver, "options": opts.model_dump()},
    )


@task
def refactors(solver: SolverName | None = None, sandbox: str = "auto",
              task_ids: list[str] | None = None, tasks_root: str | None = None,
              sandbox_limits: dict[str, int] | None = None, **options: Any) -> Task:
    """Refactors on the fixture repos (tasks/refactors/): behaviour kept, structure changed,
    nothing else touched; options as in configs/suite/refactors.yaml."""
    from evals.suites import get

    return get("refactors").inspect_task(solver, sandbox, task_ids, tasks_root, sandbox_limits,
                                         **options)
