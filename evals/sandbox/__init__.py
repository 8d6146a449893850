"""Choosing the contained sandbox (docs/design.md section 6): docker if an engine answers, else
bwrap, else refuse; and one fresh sandbox for a check outside an eval (`score`, `validate`)."""

from __future__ import annotations

import functools
import shutil
import subprocess
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from inspect_ai.util import SandboxEnvironment, SandboxEnvironmentSpec

from evals.errors import SandboxChoiceError
from evals.sandbox.bwrap import SandboxLimits, bwrap_problem

CHOICES = ("auto", "docker", "bwrap", "unsafe-local")
COMPOSE = Path(__file__).parent / "docker" / "compose.yaml"


@functools.cache
def docker_engine_answers() -> bool:
    """Whether a Docker engine answers here (asked once per process: `docker info` is slow)."""
    if shutil.which("docker") is None:
        return False
    try:
        r = subprocess.run(["docker", "info", "--format", "{{.ServerVersion}}"],
                           capture_output=True, text=True, timeout=15)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return r.returncode == 0 and bool(r.stdout.strip())


def resolve_sandbox(choice: str) -> str:
    """The sandbox kind to use for `choice`, or SandboxChoiceError."""
    if choice not in CHOICES:
        raise SandboxChoiceError(f"sandbox must be one of {', '.join(CHOICES)} (got '{choice}')")
    if choice == "unsafe-local":
        return choice
    if choice in ("auto", "docker") and docker_engine_answers():
        return "docker"
    if choice == "docker":
        raise SandboxChoiceError("sandbox=docker: no Docker engine answers on this machine")
    problem = bwrap_problem()
    if problem is None:
        return "bwrap"
    if choice == "bwrap":
        raise SandboxChoiceError(f"sandbox=bwrap: {problem}")
    raise SandboxChoiceError(
        f"no contained sandbox here ({problem}; no Docker engine): install bubblewrap, or pass "
        "sandbox=unsafe-local to run model-written code on this host without protection"
    )


def containment(kind: str, limits: SandboxLimits) -> str:
    """The sandbox kind and what caps a sample on this machine, in a few words (validate's
    closing line, the run's first line and run.json)."""
    if kind != "bwrap":
        return kind
    from evals.sandbox import cgroups

    why = cgroups.problem() if limits.memory_mb else "sandbox_limits.memory_mb=0"
    caps = ("memory and processes capped per sample (cgroup " + cgroups.layout()[0] + ")"
            if why is None else f"per-process rlimits only ({why})")
    return f"bwrap (seccomp filter; {caps})"


def sandbox_spec(kind: str, limits: SandboxLimits | None = None) -> SandboxEnvironmentSpec:
    if kind == "docker":
        return SandboxEnvironmentSpec("docker", str(COMPOSE))
    if kind == "bwrap":
        return SandboxEnvironmentSpec("bwrap", limits or SandboxLimits())
    return SandboxEnvironmentSpec("unsafe-local")


@asynccontextmanager
async def contained(spec: SandboxEnvironmentSpec) -> AsyncIterator[SandboxEnvironment]:
    """One fresh sandbox of `spec`, through the same classes inspect uses for a sample."""
    from inspect_ai.util._sandbox.registry import registry_find_sandboxenv

    cls = registry_find_sandboxenv(spec.type)
    await cls.task_init("score", spec.config)
    envs = await cls.sample_init("score", spec.config, {})
    try:
        yield envs["default"]
    finally:
        await cls.sample_cleanup("score", spec.config, envs, False)
        await cls.task_cleanup("score", spec.config, True)
