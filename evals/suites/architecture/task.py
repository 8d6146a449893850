"""The architecture suite's inspect Task: one sample per question, the work tree the question
is about in the sandbox (the repo, with a change under review or a planted bug applied)."""

from __future__ import annotations

import base64
from typing import Any

from inspect_ai import Task, task
from inspect_ai.dataset import Sample

from evals.constants import SolverName
from evals.scorers.worktree import GIT_SETUP
from evals.suites.architecture.grading import DECISION, REVIEW, SEVERITIES
from evals.suites.architecture.scorer import architecture_scorer
from evals.suites.architecture.spec import ArchitectureSpec
from evals.suites.base import RunContext
from evals.suites.sample import repo_task
from evals.taskspec import repo_files

FORMATS = {
    "decision": '{"choice": "<the letter of the option you recommend>"}',
    "review": '{"findings": [{"file": "<path>", "line": <line number, or [first, last]>, '
              f'"severity": "<{"|".join(SEVERITIES)}>", "summary": "<what is wrong>"}}]}}',
    "diagnosis": '{"root_cause": {"file": "<path>", "symbol": "<function, or Class.method>", '
                 '"explanation": "<how it causes the failure>"}}',
}
HOW = {
    "decision": "Weigh the options against this code base, explain your recommendation and "
                "what it trades away.",
    "review": "Review the change as you would before merging it. Report only real problems: a "
              "finding that is not a problem counts against the review. Give line numbers of "
              "the files as they are after the change (as shown below).",
    "diagnosis": "Find the root cause: the one definition whose code is wrong, not the place "
                 "where the failure shows. Explain how it produces the failure.",
}


def question_text(spec: ArchitectureSpec) -> str:
    """The sample's input: the question, the options or the diff, and the answer format."""
    parts = [spec.question.strip()]
    if spec.kind == DECISION:
        parts.append("Options:\n" + "\n".join(f"{k}. {v}" for k, v in spec.options))
    if spec.kind == REVIEW and spec.review_patch is not None:
        diff = spec.review_patch.read_text(encoding="utf-8")
        parts.append(f"The change under review (it is applied in the files below):\n\n```diff\n"
                     f"{diff.rstrip()}\n```")
    parts.append(f"{HOW[spec.kind]} Do not change any file. Write your answer as prose, then "
                 f"end it with exactly one fenced JSON block of this shape:\n\n```json\n"
                 f"{FORMATS[spec.kind]}\n```")
    return "\n\n".join(parts)


def _data_uri(data: bytes) -> str:
    return "data:application/octet-stream;base64," + base64.b64encode(data).decode()


def question_sample(spec: ArchitectureSpec, options: Any) -> Sample:
    """A sample whose sandbox holds the work tree the question is about: the repo's files by
    path, the files a start patch changed as inline data."""
    original = repo_files(spec.repo_dir)
    start = spec.start_files()
    files = {p: str(spec.repo_dir / p) if original.get(p) == data else _data_uri(data)
             for p, data in start.items()}
    return Sample(id=spec.id, input=question_text(spec), files=files, setup=GIT_SETUP,
                  metadata=spec.sample_metadata(options))


def build(specs: list[ArchitectureSpec], ctx: RunContext) -> Task:
    return repo_task("architecture", [question_sample(s, ctx.options) for s in specs], ctx,
                     architecture_scorer(), question=True)


@task
def architecture(solver: SolverName | None = None, sandbox: str = "auto",
                 task_ids: list[str] | None = None, tasks_root: str | None = None,
                 sandbox_limits: dict[str, int] | None = None, **options: Any) -> Task:
    """Design decisions, code reviews and diagnoses on the fixture repos (tasks/architecture/),
    graded against keys; options as in configs/suite/architecture.yaml. A `judge` model role
    (`--model-role judge=<model>`) also grades the prose against each task's rubric."""
    from evals.suites import get

    return get("architecture").inspect_task(solver, sandbox, task_ids, tasks_root,
                                            sandbox_limits, **options)
