"""The tickets suite's inspect Task: one sample per ticket, the repo in the sandbox."""

from __future__ import annotations

from typing import Any

from inspect_ai import Task, task
from inspect_ai.dataset import MemoryDataset, Sample

from evals.constants import AGENT, SolverName
from evals.scorers.cost import cost
from evals.scorers.worktree import GIT_SETUP
from evals.solvers import solver_for
from evals.suites.base import RunContext
from evals.suites.tickets.scorer import ticket_scorer
from evals.suites.tickets.spec import TicketSpec
from evals.taskspec import repo_files


def ticket_sample(spec: TicketSpec) -> Sample:
    files = {p: str(spec.repo_dir / p) for p in repo_files(spec.repo_dir)}
    return Sample(id=spec.id, input=spec.ticket, files=files, setup=GIT_SETUP,
                  metadata=spec.metadata())


def build(specs: list[TicketSpec], ctx: RunContext) -> Task:
    opts = ctx.options
    return Task(
        dataset=MemoryDataset([ticket_sample(s) for s in specs], name="tickets"),
        solver=solver_for(ctx.solver, opts),
        scorer=[ticket_scorer(excess_bar=opts.excess_bar, test_timeout=opts.test_timeout,
                              sandbox_spec=ctx.sandbox), cost()],
        sandbox=ctx.sandbox,
        message_limit=opts.message_limit if ctx.solver == AGENT else None,
        metadata={"suite": "tickets", "solver": ctx.solver, "options": opts.model_dump()},
    )


@task
def tickets(solver: SolverName | None = None, sandbox: str = "auto", task_ids: list[str] | None = None,
            tasks_root: str | None = None, sandbox_limits: dict[str, int] | None = None,
            **options: Any) -> Task:
    """Scoped tickets on the fixture repos (tasks/tickets/); options as in
    configs/suite/tickets.yaml (e.g. -T excess_bar=1.5)."""
    from evals.suites import get

    return get("tickets").inspect_task(solver, sandbox, task_ids, tasks_root, sandbox_limits,
                                       **options)
