"""The `Suite` interface: what `run`, `score`, `validate` and the report need from a task type.

A suite is one package under `evals/suites/` (or a plugin module) holding a `Suite` subclass:
its task.yaml fields (`load_spec`), its inspect Task (`task`), how one answer is scored in a
fresh sandbox (`score`), the cases `validate` proves a task with (`cases`), and optionally its
own report tables. Its settings are a `SuiteOptions` model read from `suite/<name>.yaml`.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import pandas as pd
import yaml
from inspect_ai import Task
from inspect_ai.util import SandboxEnvironmentSpec
from pydantic import BaseModel, ConfigDict, PositiveInt, ValidationError

from evals.constants import (
    CLARITIES,
    CORRECT,
    ONESHOT,
    SCOPED,
    SOLO,
    SOLVERS,
    WORKFLOWS,
    SolverName,
)
from evals.errors import ConfigError, UserError
from evals.paths import CONFIG_DIR, TASKS_ROOT
from evals.sandbox import resolve_sandbox, sandbox_spec
from evals.sandbox.bwrap import SandboxLimits
from evals.taskspec import TaskSpec, load_suite, select


def asked(clarity: Any, suite: Suite | None) -> tuple[str, ...]:
    """The requests `clarity=scoped|brief|both` asks each task (design section 9); a bad value,
    or a brief for a suite without briefs, is one line."""
    if clarity not in (*CLARITIES, "both"):
        raise ConfigError(f"clarity must be scoped, brief or both (got {clarity!r})")
    chosen = CLARITIES if clarity == "both" else (str(clarity),)
    if chosen != (SCOPED,) and suite is not None and not suite.briefs:
        raise ConfigError(f"suite '{suite.name}' has no briefs: clarity={clarity} is for "
                          f"tickets and refactors")
    return chosen


def workflows_of(workflow: Any, suite: Suite | None) -> tuple[str, ...]:
    """The workflows `workflow=` names, one or a list (design section 9); a bad value, or a
    workflow for a suite without workflows, is one line."""
    names = [workflow] if isinstance(workflow, str) else workflow
    if (not isinstance(names, list) or not names
            or not all(isinstance(n, str) and n in WORKFLOWS for n in names)):
        raise ConfigError(f"workflow must be one of {', '.join(WORKFLOWS)} or a list of them "
                          f"(got {workflow!r})")
    chosen = tuple(dict.fromkeys(names))
    if chosen != (SOLO,) and suite is not None and not suite.workflows:
        raise ConfigError(f"suite '{suite.name}' has no workflows: workflow= is for tickets "
                          f"and refactors")
    return chosen


class SuiteOptions(BaseModel):
    """A suite's settings: `suite/<name>.yaml`, overridden on the command line with
    `suite.<key>=<value>`. The yaml file holds the only defaults; a suite adds its own keys."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    context_tokens: PositiveInt  # prompt budget of a model whose tier list gives none
    max_output_tokens: PositiveInt  # answer budget per turn: oneshot, and every local model
    message_limit: PositiveInt  # agent solver: messages per sample


@dataclass(frozen=True)
class Case:
    """One scored check of `validate`: an answer (None: the untouched repo) and the labels its
    result must have. A `repeat` case is scored `repeats` times and must agree every time."""

    name: str
    answer: bytes | None
    expect: dict[str, int]
    repeat: bool = False


@dataclass(frozen=True)
class StaticCheck:
    """A check of a task's own data that needs no sandbox (e.g. which decoy kinds it has)."""

    name: str
    want: str
    got: str
    ok: bool


@dataclass(frozen=True)
class RunContext:
    """How a suite's inspect Task is to run: the solver, the resolved sandbox, the options."""

    solver: SolverName
    sandbox: SandboxEnvironmentSpec
    options: Any  # the suite's SuiteOptions subclass
    clarities: tuple[str, ...] = (SCOPED,)  # the requests each task is asked (design section 9)
    workflow: str = SOLO  # how the task's models work together (design section 9)
    extra_metadata: dict[str, Any] = field(default_factory=dict)


class Suite(ABC):
    """One task type. Subclasses set the class attributes and implement the four methods."""

    name: ClassVar[str]
    description: ClassVar[str]
    options_type: ClassVar[type[SuiteOptions]] = SuiteOptions
    required_keys: ClassVar[tuple[str, ...]] = ()  # task.yaml keys beyond id, repo, difficulty
    optional_keys: ClassVar[tuple[str, ...]] = ()
    answer_key: ClassVar[str] = "patch"  # `score task=... <answer_key>=<file>`
    # outcome labels `validate` compares (correct, deviated, ...), in the order it prints them
    labels: ClassVar[tuple[str, ...]] = ("correct", "deviated")
    # whether a `judge=` model may grade the suite's answers beside its keys (its scorer asks
    # the `judge` model role)
    judged: ClassVar[bool] = False
    # whether its tasks have briefs (`clarity=brief|both`) and its answers can come from a
    # workflow of two models (`workflow=plan_execute|escalate`): design section 9
    briefs: ClassVar[bool] = False
    workflows: ClassVar[bool] = False
    # a folder holding suite/<name>.yaml, for suites whose config is not in configs/ (plugins)
    config_dir: ClassVar[Path | None] = None
    # the suite's inspect `@task` function (it returns `inspect_task(...)`): `run` builds its
    # tasks through it, so each log records the task's name and arguments as inspect expects
    task_function: ClassVar[Callable[..., Task]]

    # ------------------------------------------------------------------ task data

    @abstractmethod
    def load_spec(self, common: dict[str, Any], raw: dict[str, Any], where: str) -> TaskSpec:
        """The suite's TaskSpec from the common fields and the raw task.yaml; TaskError if bad."""

    def task_type(self, spec: TaskSpec) -> str:
        """The report's task type of a task (one verdict each); a suite may split itself."""
        return self.name

    # ------------------------------------------------------------------ running

    @abstractmethod
    def task(self, specs: list[TaskSpec], ctx: RunContext) -> Task:
        """The inspect Task over `specs`."""

    @abstractmethod
    async def score(self, spec: TaskSpec, answer: bytes | None, sandbox: SandboxEnvironmentSpec,
                    options: Any, message: str | None = None) -> dict[str, Any]:
        """Score one answer (None: the untouched repo) in a fresh sandbox: the same checks as a
        model's sample; `message` is the model's final message, where the suite judges it.
        Returns `task`, `scored` (False: the answer could not be judged at all,
        e.g. a patch that does not apply), the outcome labels, the suite's details and `error`."""

    # ------------------------------------------------------------------ proving tasks

    @abstractmethod
    def cases(self, spec: TaskSpec) -> list[Case]:
        """What `validate` scores for a task: untouched repo, reference, every decoy."""

    def static_checks(self, spec: TaskSpec) -> list[StaticCheck]:
        return []

    def proof(self, spec: TaskSpec) -> Case:
        """The case that shows a sandbox can judge this suite's answers at all: by default the
        reference (the case `validate` repeats), which must get its labels."""
        return next(c for c in self.cases(spec) if c.repeat)

    async def proof_problem(self, spec: TaskSpec, sandbox: SandboxEnvironmentSpec,
                            options: Any) -> str | None:
        """None when `sandbox` judges the task's proof case correct; else what came back. A
        suite may prove its sandbox another way that judges the reference just as well."""
        case = self.proof(spec)
        result = await self.score(spec, case.answer, sandbox, options)
        # the sandbox is proven when the reference is judged correct; whether it is also in
        # scope depends on settings (a strict excess_bar), not on the sandbox
        expect = {k: v for k, v in case.expect.items() if k == CORRECT} or case.expect
        wrong = {k: result.get(k) for k, v in expect.items() if result.get(k) != v}
        if result.get("scored", True) and not wrong:
            return None
        got = " ".join(f"{k}={v}" for k, v in wrong.items()) or "not scored"
        why = f" ({result['error']})" if result.get("error") else ""
        return f"the {case.name} of {spec.name} scored {got}{why}"

    def require_sandbox(self, spec: TaskSpec, sandbox: SandboxEnvironmentSpec, options: Any,
                        otherwise: str) -> None:
        """Stop with one line (`otherwise` says what did not happen) unless `sandbox` judges
        the task's reference correct. A setup that cannot judge (an interpreter the sandbox
        cannot see, a missing tool) would otherwise score every answer as wrong, silently."""
        try:
            problem = asyncio.run(self.proof_problem(spec, sandbox, options))
        except Exception as ex:  # noqa: BLE001  (any failure to judge is the one line's subject)
            problem = f"the reference of {spec.name} could not be scored ({type(ex).__name__}: " \
                      f"{str(ex)[:300]})"
        if problem:
            raise UserError(f"the {sandbox.type} sandbox cannot judge answers here: {problem}; "
                            f"{otherwise}")

    async def adequacy(self, spec: TaskSpec, sandbox: SandboxEnvironmentSpec,
                       options: Any) -> list[StaticCheck]:
        """How well the task's own tests judge (`validate mutation=true`): e.g. the kill rate
        of mutants of its reference. None by default."""
        return []

    async def proofs(self, spec: TaskSpec, sandbox: SandboxEnvironmentSpec,
                     options: Any) -> list[StaticCheck]:
        """Checks of a task's own data that need the sandbox, run by every `validate` (e.g. the
        repo's own tests pass on each variant of the code). None by default."""
        return []

    def describe(self, specs: list[TaskSpec]) -> str:
        """A few words on a set of tasks for validate's closing line (e.g. temptations)."""
        return ""

    # ------------------------------------------------------------------ reporting

    def report_tables(self, frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
        """Extra (heading, table) pairs for this suite's rows of the samples frame."""
        return []

    # ------------------------------------------------------------------ plain inspect

    def inspect_task(self, solver: SolverName | None = None, sandbox: str = "auto",
                     task_ids: list[str] | None = None, tasks_root: str | None = None,
                     sandbox_limits: dict[str, int] | None = None, clarity: str = SCOPED,
                     workflow: str = SOLO, **options: Any) -> Task:
        """What the suite's `@task` function returns, for `run` and for plain `inspect eval`:
        every argument is a plain value, so inspect records it in the log's task args.
        `clarity`: scoped, brief or both; `workflow`: solo, plan_execute or escalate (the
        latter two need the `planner` or `reasoner` model role)."""
        opts = self.options(overrides=options)
        if solver is not None and solver not in SOLVERS:
            raise ConfigError(f"solver must be {' or '.join(SOLVERS)} (got {solver!r})")
        clarities = asked(clarity, self)
        if len(workflows_of(workflow, self)) != 1:
            raise ConfigError(f"a task runs one workflow (got {workflow!r}); `python -m evals "
                              f"run workflow=[...]` runs several")
        specs = select(load_suite(self, Path(tasks_root) if tasks_root else TASKS_ROOT), task_ids)
        spec = sandbox_spec(resolve_sandbox(sandbox), SandboxLimits(**(sandbox_limits or {})))
        return self.task(specs, RunContext(solver or ONESHOT, spec, opts, clarities, workflow))

    # ------------------------------------------------------------------ settings

    def config_file(self) -> Path:
        return (self.config_dir or CONFIG_DIR) / "suite" / f"{self.name}.yaml"

    def options(self, overrides: dict[str, Any] | None = None,
                base: dict[str, Any] | None = None) -> SuiteOptions:
        """Typed options: `base` (the composed config) or the suite's yaml file, then overrides.
        A bad or unknown value is one line naming the key."""
        if base is None:
            try:
                base = yaml.safe_load(self.config_file().read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError) as ex:
                raise ConfigError(f"cannot read {self.config_file()}: "
                                  f"{str(ex).strip().splitlines()[0]}") from None
        values = {**base, **(overrides or {})}
        try:
            return self.options_type.model_validate(values)
        except ValidationError as ex:
            err = ex.errors()[0]
            key = ".".join(str(p) for p in err["loc"]) or "?"
            if err["type"] == "extra_forbidden":
                raise ConfigError(f"unknown setting suite.{key} for suite '{self.name}' "
                                  f"(known: {', '.join(self.options_type.model_fields)})") from None
            got = f" (got {err['input']!r})" if err["type"] != "missing" else ""
            raise ConfigError(f"suite.{key}: {err['msg'].lower()}{got}") from None
