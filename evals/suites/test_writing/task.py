"""The test-writing suite's inspect Task: one sample per specification, the repo in the sandbox."""

from __future__ import annotations

from typing import Any

from inspect_ai import Task, task

from evals.constants import SolverName
from evals.suites.base import RunContext
from evals.suites.sample import repo_sample, repo_task
from evals.suites.test_writing.scorer import test_writing_scorer
from evals.suites.test_writing.spec import TestWritingSpec


def build(specs: list[TestWritingSpec], ctx: RunContext) -> Task:
    opts = ctx.options
    return repo_task("test_writing", [repo_sample(s, s.ticket) for s in specs], ctx,
                     test_writing_scorer(test_timeout=opts.test_timeout,
                                         library_mutants=opts.library_mutants,
                                         parallel_runs=opts.parallel_runs))


@task
def test_writing(solver: SolverName | None = None, sandbox: str = "auto",
                 task_ids: list[str] | None = None, tasks_root: str | None = None,
                 sandbox_limits: dict[str, int] | None = None, **options: Any) -> Task:
    """Tests written from a specification, judged by the mutants they kill (tasks/test_writing/);
    options as in configs/suite/test_writing.yaml."""
    from evals.suites import get

    return get("test_writing").inspect_task(solver, sandbox, task_ids, tasks_root, sandbox_limits,
                                            **options)
