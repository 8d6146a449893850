"""The tickets suite's inspect Task: one sample per ticket, the repo in the sandbox."""

from __future__ import annotations

from typing import Any

from inspect_ai import Task, task

from evals.constants import BRIEF, SCOPED, SOLO, SolverName
from evals.suites.base import RunContext
from evals.suites.sample import asked_samples, repo_task
from evals.suites.tickets.scorer import ticket_scorer
from evals.suites.tickets.spec import TicketSpec


def build(specs: list[TicketSpec], ctx: RunContext) -> Task:
    opts = ctx.options
    samples = [x for s in specs
               for x in asked_samples(s, {SCOPED: s.ticket, BRIEF: s.brief}, ctx.clarities)]
    return repo_task("tickets", samples, ctx,
                     ticket_scorer(excess_bar=opts.excess_bar, test_timeout=opts.test_timeout,
                                   sandbox_spec=ctx.sandbox))


@task
def tickets(solver: SolverName | None = None, sandbox: str = "auto", task_ids: list[str] | None = None,
            tasks_root: str | None = None, sandbox_limits: dict[str, int] | None = None,
            clarity: str = SCOPED, workflow: str = SOLO, **options: Any) -> Task:
    """Scoped tickets on the fixture repos (tasks/tickets/); options as in
    configs/suite/tickets.yaml (e.g. -T excess_bar=1.5); clarity and workflow as in design
    section 9 (e.g. -T clarity=both)."""
    from evals.suites import get

    return get("tickets").inspect_task(solver, sandbox, task_ids, tasks_root, sandbox_limits,
                                       clarity, workflow, **options)
