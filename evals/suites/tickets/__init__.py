"""The `tickets` suite: scoped code changes, judged for correctness and scope deviation."""

from __future__ import annotations

from typing import Any

import pandas as pd
from inspect_ai import Task
from inspect_ai.util import SandboxEnvironmentSpec
from pydantic import NonNegativeFloat, PositiveInt

from evals.suites.base import Case, RunContext, StaticCheck, Suite, SuiteOptions
from evals.suites.tickets import checks, report, spec, task
from evals.suites.tickets.scorer import Judging, reference_ids
from evals.taskspec import TaskSpec


class TicketOptions(SuiteOptions):
    excess_bar: NonNegativeFloat  # excess_edit above this is a deviation
    test_timeout: PositiveInt  # seconds for one run of the hidden + visible tests


class Tickets(Suite):
    name = "tickets"
    description = "scoped code changes: correct, in scope, and what it cost"
    options_type = TicketOptions
    required_keys = spec.REQUIRED
    optional_keys = spec.OPTIONAL
    labels = ("correct", "deviated", "tampered")
    briefs = True
    workflows = True
    task_function = staticmethod(task.tickets)

    def load_spec(self, common: dict[str, Any], raw: dict[str, Any], where: str) -> TaskSpec:
        return spec.load_ticket(common, raw, where)

    def task(self, specs: list[TaskSpec], ctx: RunContext) -> Task:
        return task.build(specs, ctx)  # type: ignore[arg-type]

    async def score(self, spec: TaskSpec, answer: bytes | None, sandbox: SandboxEnvironmentSpec,
                    options: Any, message: str | None = None) -> dict[str, Any]:
        return await checks.score_patch(spec, answer, sandbox, options,  # type: ignore[arg-type]
                                        message)

    async def proof_problem(self, spec: TaskSpec, sandbox: SandboxEnvironmentSpec,
                            options: Any) -> str | None:
        # the run that takes the reference's test ids (which every later scoring needs) is
        # the proof: judging the reference a second time would prove nothing more. It runs
        # even when the ids are kept from an earlier run: the proof is that it runs here, now
        found = await reference_ids(Judging.of(spec), sandbox,  # type: ignore[arg-type]
                                    options.test_timeout, fresh=True)
        return found if isinstance(found, str) else None

    def cases(self, spec: TaskSpec) -> list[Case]:
        return checks.cases(spec)  # type: ignore[arg-type]

    def static_checks(self, spec: TaskSpec) -> list[StaticCheck]:
        return [checks.decoy_coverage(spec), checks.guard_coverage(spec),  # type: ignore[arg-type]
                checks.brief(spec)]  # type: ignore[arg-type]

    async def adequacy(self, spec: TaskSpec, sandbox: SandboxEnvironmentSpec,
                       options: Any) -> list[StaticCheck]:
        from evals.suites.tickets import mutation

        return [mutation.check(await mutation.adequacy(spec, sandbox,  # type: ignore[arg-type]
                                                       options))]

    def describe(self, specs: list[TaskSpec]) -> str:
        tempted = sum(1 for s in specs if getattr(s, "temptation", "none") != "none")
        inside = sum(1 for s in specs if getattr(s, "temptation_inside", False))
        guarded = sum(1 for s in specs if getattr(s, "guard_tests", ()))
        return (f"{tempted} with a temptation, {inside} of them inside an allowed definition; "
                f"{guarded} with guard tests")

    def report_tables(self, frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
        return report.temptation_table(frame)


SUITE = Tickets()
