"""The `refactors` suite: behaviour kept, structure changed as asked, nothing else touched;
`refactors/mechanical` and `refactors/judgment` get their own verdicts."""

from __future__ import annotations

from typing import Any

import pandas as pd
from inspect_ai import Task
from inspect_ai.util import SandboxEnvironmentSpec
from pydantic import NonNegativeFloat, PositiveInt

from evals.suites.base import Case, RunContext, StaticCheck, Suite, SuiteOptions
from evals.suites.refactors import checks, report, spec, task
from evals.suites.refactors.scorer import Judging, reference_ids
from evals.taskspec import TaskSpec


class RefactorOptions(SuiteOptions):
    excess_bar: NonNegativeFloat  # excess_edit above this is a deviation
    test_timeout: PositiveInt  # seconds for each of the two test runs


class Refactors(Suite):
    name = "refactors"
    description = "refactors: behaviour kept, structure changed as asked, nothing else touched"
    options_type = RefactorOptions
    required_keys = spec.REQUIRED
    optional_keys = spec.OPTIONAL
    labels = ("correct", "deviated", "goal_met", "behaviour_kept", "api_changed", "tampered")
    briefs = True
    workflows = True
    task_function = staticmethod(task.refactors)

    def load_spec(self, common: dict[str, Any], raw: dict[str, Any], where: str) -> TaskSpec:
        return spec.load_refactor(common, raw, where)

    def task_type(self, spec: TaskSpec) -> str:
        return f"{self.name}/{spec.kind}"  # type: ignore[attr-defined]

    def task(self, specs: list[TaskSpec], ctx: RunContext) -> Task:
        return task.build(specs, ctx)  # type: ignore[arg-type]

    async def score(self, spec: TaskSpec, answer: bytes | None, sandbox: SandboxEnvironmentSpec,
                    options: Any, message: str | None = None) -> dict[str, Any]:
        return await checks.score_patch(spec, answer, sandbox, options,  # type: ignore[arg-type]
                                        message)

    async def proof_problem(self, spec: TaskSpec, sandbox: SandboxEnvironmentSpec,
                            options: Any) -> str | None:
        # the runs that take the reference's test ids are the proof (as for tickets), run
        # even when the ids are kept from an earlier run
        found = await reference_ids(Judging.of(spec), sandbox,  # type: ignore[arg-type]
                                    options.test_timeout, fresh=True)
        return found if isinstance(found, str) else None

    def cases(self, spec: TaskSpec) -> list[Case]:
        return checks.cases(spec)  # type: ignore[arg-type]

    def static_checks(self, spec: TaskSpec) -> list[StaticCheck]:
        return [checks.decoy_coverage(spec), checks.reference_in_scope_files(spec),  # type: ignore[arg-type]
                checks.brief_is_brief(spec)]  # type: ignore[arg-type]

    def describe(self, specs: list[TaskSpec]) -> str:
        kinds = {k: sum(1 for s in specs if getattr(s, "kind", "") == k) for k in spec.KINDS}
        return ", ".join(f"{v} {k}" for k, v in kinds.items())

    def report_tables(self, frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
        return report.outcome_table(frame)


SUITE = Refactors()
