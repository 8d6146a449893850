"""What every suite's inspect Task has in common: one sample per task, the fixture repo in the
sandbox (with a git base commit for an agent), the task's text as the input, the suite's scorer
and the cost."""

from __future__ import annotations

from inspect_ai import Task
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.scorer import Scorer

from evals.constants import AGENT, BRIEF, BRIEF_SUFFIX, SCOPED, SOLO
from evals.errors import TaskError
from evals.scorers.cost import cost
from evals.scorers.worktree import GIT_SETUP
from evals.solvers import solver_for
from evals.suites.base import RunContext
from evals.taskspec import TaskSpec, mentioned_files, repo_files
from evals.workflows import workflow_record, workflow_solver


def repo_sample(spec: TaskSpec, text: str, files: dict[str, bytes] | None = None) -> Sample:
    """A sample whose sandbox holds the task's repo (`files`, read from it when not given),
    asked `text` (the ticket)."""
    paths = files if files is not None else repo_files(spec.repo_dir)
    return Sample(id=spec.id, input=text, files={p: str(spec.repo_dir / p) for p in paths},
                  setup=GIT_SETUP, metadata=spec.metadata())


def asked_samples(spec: TaskSpec, requests: dict[str, str], clarities: tuple[str, ...]
                  ) -> list[Sample]:
    """The task's samples, one per clarity asked (design section 9): the scoped ticket keeps the
    task's id, its brief's sample the id with BRIEF_SUFFIX, so the two pair up in the report."""
    out = []
    files = repo_files(spec.repo_dir)  # read once for every clarity asked
    for clarity in clarities:
        text = requests.get(clarity) or ""
        if not text:
            raise TaskError(f"{spec.name} has no {clarity}: clarity={clarity} needs one")
        sample = repo_sample(spec, text, files)
        meta = {**(sample.metadata or {}), "clarity": clarity}
        if clarity == BRIEF:
            meta["focus_files"] = mentioned_files(text, files)
        out.append(sample.model_copy(update={
            "id": spec.id if clarity == SCOPED else f"{spec.id}{BRIEF_SUFFIX}", "metadata": meta}))
    return out


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
        solver=(solver_for(ctx.solver, opts, question=question) if question
                else workflow_solver(ctx.workflow, ctx.solver, opts)),
        scorer=[scorer, *([cost(by_role=True), workflow_record()] if ctx.workflow != SOLO
                          else [cost()])],
        sandbox=ctx.sandbox,
        message_limit=opts.message_limit if ctx.solver == AGENT else None,
        metadata={"suite": suite, "solver": ctx.solver, "options": opts.model_dump(),
                  "workflow": ctx.workflow, "clarity": list(ctx.clarities)},
    )
