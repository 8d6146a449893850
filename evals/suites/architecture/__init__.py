"""The `architecture` suite: design decisions, code reviews and diagnoses about the fixture
repos, graded against keys with no judge model required; `architecture/decision`,
`architecture/review` and `architecture/diagnosis` get their own verdicts."""

from __future__ import annotations

from typing import Any

import pandas as pd
from inspect_ai import Task
from inspect_ai.util import SandboxEnvironmentSpec
from pydantic import NonNegativeInt, PositiveInt

from evals.suites.architecture import checks, report, spec, task
from evals.suites.architecture.grading import KINDS
from evals.suites.base import Case, RunContext, StaticCheck, Suite, SuiteOptions
from evals.taskspec import TaskSpec, work_tree_files


class ArchitectureOptions(SuiteOptions):
    allowed_false_positives: NonNegativeInt  # review findings matching no defect, by default
    line_slack: NonNegativeInt  # a finding within this many lines of a defect matches it
    test_timeout: PositiveInt  # seconds for a diagnosis's symptom test (validate)


class Architecture(Suite):
    name = "architecture"
    description = "architecture: design decisions, reviews and diagnoses with keyed answers"
    options_type = ArchitectureOptions
    required_keys = spec.REQUIRED
    optional_keys = spec.OPTIONAL
    answer_key = "answer"
    labels = ("correct", "deviated", "parsed")
    judged = True
    task_function = staticmethod(task.architecture)

    def load_spec(self, common: dict[str, Any], raw: dict[str, Any], where: str) -> TaskSpec:
        return spec.load_architecture(
            common, raw, where, lambda patch: set(work_tree_files(common["repo_dir"], patch)))

    def task_type(self, spec: TaskSpec) -> str:
        return f"{self.name}/{spec.kind}"  # type: ignore[attr-defined]

    def task(self, specs: list[TaskSpec], ctx: RunContext) -> Task:
        return task.build(specs, ctx)  # type: ignore[arg-type]

    async def score(self, spec: TaskSpec, answer: bytes | None, sandbox: SandboxEnvironmentSpec,
                    options: Any, message: str | None = None) -> dict[str, Any]:
        return await checks.score_answer(spec, answer, sandbox, options,  # type: ignore[arg-type]
                                         message)

    def cases(self, spec: TaskSpec) -> list[Case]:
        return checks.cases(spec)  # type: ignore[arg-type]

    def static_checks(self, spec: TaskSpec) -> list[StaticCheck]:
        return checks.static_checks(spec, self.options().line_slack)  # type: ignore[arg-type]

    async def proofs(self, spec: TaskSpec, sandbox: SandboxEnvironmentSpec,
                     options: Any) -> list[StaticCheck]:
        return await checks.symptom_proof(spec, sandbox, options)  # type: ignore[arg-type]

    def describe(self, specs: list[TaskSpec]) -> str:
        kinds = {k: sum(1 for s in specs if getattr(s, "kind", "") == k) for k in KINDS}
        return ", ".join(f"{v} {k}" for k, v in kinds.items())

    def report_tables(self, frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
        return report.parts_table(frame)


SUITE = Architecture()
