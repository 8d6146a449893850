"""The test-writing suite's inspect Task: one sample per specification, the repo in the sandbox."""

from __future__ import annotations

from typing import Any

from inspect_ai import Task, task
from inspect_ai.dataset import MemoryDataset, Sample

from evals.constants import AGENT, SolverName
from evals.scorers.cost import cost
from evals.scorers.worktree import GIT_SETUP
from evals.solvers import solver_for
from evals.suites.base import RunContext
from evals.suites.test_writing.scorer import test_writing_scorer
from evals.suites.test_writing.spec import TestWritingSpec
from evals.taskspec import repo_files


def sample(spec: TestWritingSpec) -> Sample:
    files = {p: str(spec.repo_dir / p) for p in repo_files(spec.repo_dir)}
    return Sample(id=spec.id, input=spec.ticket, files=files, setup=GIT_SETUP,
                  metadata=spec.metadata())


def build(specs: list[TestWritingSpec], ctx: RunContext) -> Task:
    opts = ctx.options
    return Task(
        dataset=MemoryDataset([sample(s) for s in specs], name="test_writing"),
        solver=solver_for(ctx.solver, opts),
        scorer=[test_writing_scorer(test_timeout=opts.test_timeout,
                                    library_mutants=opts.library_mutants,
                                    parallel_runs=opts.parallel_runs), cost()],
        sandbox=ctx.sandbox,
        message_limit=opts.message_limit if ctx.solver == AGENT else None,
        metadata={"suite": "test_writing", "solver": ctx.solver, "options": opts.model_dump()},
    )


@task
def test_writing(solver: SolverName | None = None, sandbox: str = "auto",
                 task_ids: list[str] | None = None, tasks_root: str | None = None,
                 sandbox_limits: dict[str, int] | None = None, **options: Any) -> Task:
    """Tests written from a specification, judged by the mutants they kill (tasks/test_writing/);
    options as in configs/suite/test_writing.yaml."""
    from evals.suites import get

    return get("test_writing").inspect_task(solver, sandbox, task_ids, tasks_root, sandbox_limits,
                                            **options)
