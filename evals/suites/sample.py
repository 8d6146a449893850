"""What every suite's inspect Task has in common: one sample per task, the fixture repo in the
sandbox (with a git base commit for an agent), the task's text as the input, the suite's scorer
and the cost."""

from __future__ import annotations

from inspect_ai import Task
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.scorer import Scorer

from evals.constants import AGENT
from evals.scorers.cost import cost
from evals.scorers.worktree import GIT_SETUP
from evals.solvers import solver_for
from evals.suites.base import RunContext
from evals.taskspec import TaskSpec, repo_files


def repo_sample(spec: TaskSpec, text: str) -> Sample:
    """A sample whose sandbox holds the task's repo, asked `text` (the ticket)."""
    files = {p: str(spec.repo_dir / p) for p in repo_files(spec.repo_dir)}
    return Sample(id=spec.id, input=text, files=files, setup=GIT_SETUP, metadata=spec.metadata())


def repo_task(suite: str, samples: list[Sample], ctx: RunContext, scorer: Scorer,
              question: bool = False) -> Task:
    """The suite's Task: the solver and budgets of the run, `scorer` and the shared cost;
    `question`: the suite asks questions about the code rather than for changes to it."""
    opts = ctx.options
    if ctx.solver != AGENT:
        # the base commit is there for an agent's own git commands: an answer given in one
        # message runs none, and scoring never reads it, so its samples skip that command
        samples = [s.model_copy(update={"setup": None}) if s.setup == GIT_SETUP else s
                   for s in samples]
    return Task(
        dataset=MemoryDataset(samples, name=suite),
        solver=solver_for(ctx.solver, opts, question=question),
        scorer=[scorer, cost()],
        sandbox=ctx.sandbox,
        message_limit=opts.message_limit if ctx.solver == AGENT else None,
        metadata={"suite": suite, "solver": ctx.solver, "options": opts.model_dump()},
    )
