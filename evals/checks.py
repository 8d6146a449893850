"""Model-free scoring: `score` (one patch) and `validate` (prove every task), in the real sandbox."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from inspect_ai.util import SandboxEnvironment
from inspect_ai.util._sandbox.registry import registry_find_sandboxenv

from evals.sandbox import sandbox_spec
from evals.sandbox.bwrap import SandboxLimits
from evals.scorers.ticket import evaluate, materialize
from evals.taskspec import TaskSpec

PATCH_IN_SANDBOX = ".tierfit/input.patch"


@asynccontextmanager
async def contained(kind: str, limits: SandboxLimits | None = None
                    ) -> AsyncIterator[SandboxEnvironment]:
    """One fresh sandbox of `kind`, through the same classes inspect uses for a sample."""
    spec = sandbox_spec(kind, limits)
    cls = registry_find_sandboxenv(spec.type)
    await cls.task_init("score", spec.config)
    envs = await cls.sample_init("score", spec.config, {})
    try:
        yield envs["default"]
    finally:
        await cls.sample_cleanup("score", spec.config, envs, False)
        await cls.task_cleanup("score", spec.config, True)


async def score_patch(spec: TaskSpec, patch: bytes | None, kind: str,
                      excess_bar: float = 1.0, test_timeout: int = 300,
                      limits: SandboxLimits | None = None) -> dict[str, Any]:
    """Apply `patch` (None: the untouched repo) to a fresh work tree and score it."""
    async with contained(kind, limits) as sbx:
        await materialize(sbx, spec, git=False)
        if patch is not None:
            await sbx.write_file(PATCH_IN_SANDBOX, patch)
            # outside a repository git apply works like patch(1), with git's strict checks
            res = await sbx.exec(["git", "apply", "--whitespace=nowarn", PATCH_IN_SANDBOX],
                                 timeout=60)
            if not res.success:
                first = (res.stderr.strip().splitlines() or ["git apply failed"])[0]
                return {"task": spec.name, "correct": 0, "tests_passed": 0, "tests_total": 0,
                        "deviated": None, "accepted": 0, "scope": None,
                        "error": f"patch does not apply: {first}"}
        result = await evaluate(sbx, spec, None, excess_bar, test_timeout)
    return {"task": spec.name, **result}


@dataclass
class Check:
    task: str
    case: str
    want: str
    got: str
    ok: bool
    seconds: float


def _label(r: dict[str, Any]) -> str:
    if r.get("error") and r.get("scope") is None:
        return f"error: {r['error']}"
    return f"correct={r['correct']} deviated={r['deviated']}"


async def validate_task(spec: TaskSpec, kind: str, repeats: int = 1) -> list[Check]:
    checks: list[Check] = []
    # a task must be able to show both failure modes: a correct-but-deviated and a wrong decoy
    has_dev = any(d.correct and d.deviated for d in spec.decoys)
    has_wrong = any(not d.correct for d in spec.decoys)
    checks.append(Check(spec.name, "decoy coverage", "deviated+incorrect",
                        f"deviated={int(has_dev)} incorrect={int(has_wrong)}",
                        has_dev and has_wrong, 0.0))

    async def one(case: str, patch: bytes | None, want_correct: int,
                  want_deviated: int | None) -> None:
        t = time.perf_counter()
        r = await score_patch(spec, patch, kind)
        ok = r["correct"] == want_correct and r.get("scope") is not None and (
            want_deviated is None or r["deviated"] == want_deviated)
        if case == "untouched" and r.get("error") and r["correct"] == 0:
            ok = True  # e.g. a hidden test that cannot import its new name yet
        want = f"correct={want_correct}" + ("" if want_deviated is None else f" deviated={want_deviated}")
        checks.append(Check(spec.name, case, want, _label(r), ok, time.perf_counter() - t))

    await one("untouched", None, 0, None)
    ref = spec.reference.read_bytes()
    for i in range(max(1, repeats)):
        await one("reference" if i == 0 else f"reference#{i + 1}", ref, 1, 0)
    for d in spec.decoys:
        await one(f"decoy {d.patch.name}", d.patch.read_bytes(), int(d.correct),
                  None if d.deviated is None else int(d.deviated))
    return checks


async def validate_all(specs: list[TaskSpec], kind: str, repeats: int = 1,
                       concurrency: int = 2) -> list[Check]:
    sem = asyncio.Semaphore(concurrency)

    async def guarded(spec: TaskSpec) -> list[Check]:
        async with sem:
            return await validate_task(spec, kind, repeats)

    results = await asyncio.gather(*(guarded(s) for s in specs))
    return [c for r in results for c in r]
