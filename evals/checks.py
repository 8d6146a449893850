"""Judging without a model: `score` (one answer to one task) and `validate` (prove every task
of a suite), through the suite's own `score` and `cases`, in the real sandbox."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspect_ai.util import SandboxEnvironmentSpec

from evals.config import Settings
from evals.constants import DIFFICULTIES
from evals.errors import UserError
from evals.sandbox import containment, resolve_sandbox, sandbox_spec
from evals.suites import Suite, SuiteOptions, find_task, get, names
from evals.taskspec import TaskSpec, load_suite

MAX_ANSWER_BYTES = 10 * 1024 * 1024


@dataclass
class Check:
    task: str
    case: str
    want: str
    got: str
    ok: bool
    seconds: float


def read_answer(path: str | None, what: str) -> bytes | None:
    """An answer file's bytes (None: no file, the untouched repo); bounded in size."""
    if not path:
        return None
    p = Path(path)
    if not p.is_file():
        raise UserError(f"{what} file not found: {p}")
    data = p.read_bytes()
    if len(data) > MAX_ANSWER_BYTES:
        raise UserError(f"{what} is too large ({len(data)} bytes; limit 10 MiB)")
    return data


def sandbox_of(settings: Settings) -> SandboxEnvironmentSpec:
    return sandbox_spec(resolve_sandbox(settings.sandbox), settings.sandbox_limits)


def score(task: str, answer_path: str | None, settings: Settings,
          message_path: str | None = None) -> dict[str, Any]:
    """Score one answer file to `<suite>/<task-id>` as a model's sample would be scored, with
    the model's final message read from `message_path` if given."""
    spec = find_task(task, settings.tasks_root)
    suite = get(spec.suite)
    answer = read_answer(answer_path, suite.answer_key)
    message = None
    if message_path is not None:
        raw = read_answer(message_path, "message")
        assert raw is not None
        message = raw.decode("utf-8", "replace")
    options = settings.options_for(suite)
    sandbox = sandbox_of(settings)
    suite.require_sandbox(spec, sandbox, options, "nothing was scored")
    return asyncio.run(suite.score(spec, answer, sandbox, options, message))


def outcome(suite: Suite, result: dict[str, Any], extra: tuple[str, ...] = ()) -> str:
    """How validate prints a result: its labels (and `extra` ones a case expects), or why it
    could not be judged."""
    if not result.get("scored", True):
        return f"error: {result.get('error')}"
    return " ".join(f"{k}={result.get(k)}" for k in dict.fromkeys((*suite.labels, *extra)))


async def validate_task(suite: Suite, spec: TaskSpec, sandbox: SandboxEnvironmentSpec,
                        options: SuiteOptions, repeats: int = 1,
                        mutation: bool = False) -> list[Check]:
    checks = [Check(spec.name, c.name, c.want, c.got, c.ok, 0.0)
              for c in suite.static_checks(spec)]
    for proof in (suite.proofs, *([suite.adequacy] if mutation else [])):
        t = time.perf_counter()
        found = await proof(spec, sandbox, options)
        checks += [Check(spec.name, c.name, c.want, c.got, c.ok, time.perf_counter() - t)
                   for c in found]
    for case in suite.cases(spec):
        for i in range(max(1, repeats) if case.repeat else 1):
            t = time.perf_counter()
            r = await suite.score(spec, case.answer, sandbox, options)
            ok = r.get("scored", True) and all(r.get(k) == v for k, v in case.expect.items())
            want = " ".join(f"{k}={v}" for k, v in case.expect.items())
            checks.append(Check(spec.name, case.name if i == 0 else f"{case.name}#{i + 1}", want,
                                outcome(suite, r, tuple(case.expect)), bool(ok),
                                time.perf_counter() - t))
    return checks


@dataclass
class Validation:
    specs: list[TaskSpec]
    checks: list[Check]
    sandbox: str
    notes: list[str]

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def summary(self) -> str:
        repos = {s.repo for s in self.specs}
        mix = {d: sum(1 for s in self.specs if s.difficulty == d) for d in DIFFICULTIES}
        notes = "".join(f"; {n}" for n in self.notes if n)
        return (f"{len(self.specs)} tasks on {len(repos)} repos "
                f"({', '.join(f'{v} {k}' for k, v in mix.items())}{notes}); "
                f"{len(self.checks)} checks, {len(self.failed)} failed; sandbox {self.sandbox}")


def validate(settings: Settings, only: str | None, repeats: int, concurrency: int,
             mutation: bool = False,
             started: Callable[[list[TaskSpec]], None] | None = None,
             finished: Callable[[list[Check]], None] | None = None) -> Validation:
    """Prove every task of the configured suite (or of every suite), `concurrency` at a time;
    `started` is told the tasks before any is proven, `finished` gets each task's checks as
    soon as that task is done (a long `mutation=true` run shows its progress)."""
    # no suite named: every known suite that has tasks under the task root
    chosen = ([settings.suite] if settings.suite is not None else
              [get(n) for n in names() if (settings.tasks_root / n).is_dir()])
    if not chosen:
        raise UserError(f"no suite has tasks in {settings.tasks_root} "
                        f"(known suites: {', '.join(names())})")
    kind = resolve_sandbox(settings.sandbox)
    sandbox = sandbox_spec(kind, settings.sandbox_limits)
    work: list[tuple[Suite, SuiteOptions, TaskSpec]] = []
    notes = []
    for suite in chosen:
        options = settings.options_for(suite)
        specs = load_suite(suite, settings.tasks_root, only=only)
        suite.require_sandbox(specs[0], sandbox, options, "nothing was scored")
        work += [(suite, options, s) for s in specs]
        notes.append(suite.describe(specs))
    sem = asyncio.Semaphore(max(1, concurrency))

    async def guarded(suite: Suite, options: SuiteOptions, spec: TaskSpec) -> list[Check]:
        async with sem:
            done = await validate_task(suite, spec, sandbox, options, repeats, mutation)
        if finished is not None:
            finished(done)
        return done

    if started is not None:
        started([w[2] for w in work])

    async def all_tasks() -> list[list[Check]]:
        return await asyncio.gather(*(guarded(*w) for w in work))

    checks = [c for r in asyncio.run(all_tasks()) for c in r]
    return Validation([w[2] for w in work], checks, containment(kind, settings.sandbox_limits), notes)
