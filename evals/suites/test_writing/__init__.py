"""The `test_writing` suite: tests from a specification, judged by the bugs they catch."""

from __future__ import annotations

from typing import Any

import pandas as pd
from inspect_ai import Task
from inspect_ai.util import SandboxEnvironmentSpec
from pydantic import NonNegativeInt, PositiveInt

from evals.suites.base import Case, RunContext, StaticCheck, Suite, SuiteOptions
from evals.suites.test_writing import checks, report, spec, task
from evals.taskspec import TaskSpec


class TestWritingOptions(SuiteOptions):
    __test__ = False
    test_timeout: PositiveInt  # seconds for the tests' run against one version of the code
    library_mutants: NonNegativeInt  # mutmut-operator mutants of the target: a second score
    parallel_runs: PositiveInt  # versions of the code judged at once in one sandbox


class TestWriting(Suite):
    __test__ = False
    name = "test_writing"
    description = "tests from a specification: valid on every rewrite, killing every planted bug"
    options_type = TestWritingOptions
    required_keys = spec.REQUIRED
    optional_keys = spec.OPTIONAL
    labels = ("valid", "correct", "deviated", "tampered", "killed", "library_mutation_score")
    task_function = staticmethod(task.test_writing)

    def load_spec(self, common: dict[str, Any], raw: dict[str, Any], where: str) -> TaskSpec:
        return spec.load_test_writing(common, raw, where)

    def task(self, specs: list[TaskSpec], ctx: RunContext) -> Task:
        return task.build(specs, ctx)  # type: ignore[arg-type]

    async def score(self, spec: TaskSpec, answer: bytes | None, sandbox: SandboxEnvironmentSpec,
                    options: Any, message: str | None = None) -> dict[str, Any]:
        return await checks.score_patch(spec, answer, sandbox, options,  # type: ignore[arg-type]
                                        message)

    def cases(self, spec: TaskSpec) -> list[Case]:
        return checks.cases(spec)  # type: ignore[arg-type]

    def static_checks(self, spec: TaskSpec) -> list[StaticCheck]:
        return [checks.reference_only_creates_the_test_file(spec),  # type: ignore[arg-type]
                checks.versions_change_the_target(spec),  # type: ignore[arg-type]
                checks.decoy_coverage(spec)]  # type: ignore[arg-type]

    async def proofs(self, spec: TaskSpec, sandbox: SandboxEnvironmentSpec,
                     options: Any) -> list[StaticCheck]:
        return [await checks.variants_keep_the_repo_tests(spec, sandbox,  # type: ignore[arg-type]
                                                          options)]

    def describe(self, specs: list[TaskSpec]) -> str:
        mutants = sum(len(getattr(s, "mutants", ())) for s in specs)
        variants = sum(len(getattr(s, "variants", ())) for s in specs)
        return f"{variants} variants and {mutants} mutants"

    def report_tables(self, frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
        return report.mutation_table(frame)


SUITE = TestWriting()
