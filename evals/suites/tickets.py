"""The `tickets` suite: scoped code changes, scored for correctness, scope deviation and cost."""

from __future__ import annotations

from pathlib import Path

from inspect_ai import Task, task
from inspect_ai.dataset import MemoryDataset, Sample

from evals.sandbox import resolve_sandbox, sandbox_spec
from evals.sandbox.bwrap import SandboxLimits
from evals.scorers.ticket import SETUP, ticket_scorer
from evals.solvers import SOLVERS
from evals.taskspec import TASKS_ROOT, TaskSpec, load_suite, repo_files


def ticket_sample(spec: TaskSpec) -> Sample:
    files = {p: str(spec.repo_dir / p) for p in repo_files(spec.repo_dir)}
    return Sample(
        id=spec.id,
        input=spec.ticket,
        files=files,
        setup=SETUP,
        metadata={**spec.metadata(), "repo_dir": str(spec.repo_dir)},
    )


@task
def tickets(
    solver: str = "oneshot",
    sandbox: str = "auto",
    task_ids: list[str] | None = None,
    tasks_root: str | None = None,
    context_tokens: int = 8192,
    max_output_tokens: int = 1024,
    excess_bar: float = 1.0,
    test_timeout: int = 300,
    message_limit: int = 60,
    sandbox_limits: dict[str, int] | None = None,
) -> Task:
    """Scoped tickets on the fixture repos (tasks/tickets/)."""
    specs = load_suite("tickets", Path(tasks_root) if tasks_root else TASKS_ROOT)
    if task_ids:
        unknown = sorted(set(task_ids) - {s.id for s in specs})
        if unknown:
            raise ValueError(f"unknown task ids: {', '.join(unknown)}")
        specs = [s for s in specs if s.id in task_ids]
    if solver == "oneshot":
        plan = SOLVERS["oneshot"](context_tokens=context_tokens, max_output_tokens=max_output_tokens)
    elif solver == "agent":
        plan = SOLVERS["agent"]()
    else:
        raise ValueError(f"solver must be oneshot or agent (got '{solver}')")
    return Task(
        dataset=MemoryDataset([ticket_sample(s) for s in specs], name="tickets"),
        solver=plan,
        scorer=ticket_scorer({s.id: s for s in specs}, excess_bar=excess_bar,
                             test_timeout=test_timeout),
        sandbox=sandbox_spec(resolve_sandbox(sandbox),
                             SandboxLimits(**sandbox_limits) if sandbox_limits else None),
        message_limit=message_limit if solver == "agent" else None,
        metadata={"suite": "tickets", "solver": solver},
    )
