"""Shared helpers: real tasks, patched file contents, and scripted mockllm models."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
from pathlib import Path

import pytest
import yaml

import evals._registry  # noqa: F401  (registers the sandbox and provider, as the entry point does)
from evals.sandbox import sandbox_spec
from evals.sandbox.bwrap import SandboxLimits
from evals.suites import get
from evals.taskspec import TaskSpec, load_suite

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def ticket_specs() -> dict[str, TaskSpec]:
    return {s.id: s for s in load_suite(get("tickets"))}


def score_ticket(spec: TaskSpec, patch: bytes | None, limits: SandboxLimits | None = None,
                 **options: object) -> dict:
    """`python -m evals score` in-process: the tickets suite's scoring of one patch in bwrap,
    with the suite's configured options (or these overrides)."""
    suite = get("tickets")
    return asyncio.run(suite.score(spec, patch, sandbox_spec("bwrap", limits),
                                   suite.options(overrides=options)))


def decoy(spec: TaskSpec, **labels: int) -> Path:
    """The first decoy of a task with these labels (e.g. correct=1, deviated=1)."""
    return next(d.path for d in spec.decoys
                if all(d.labels.get(k) == v for k, v in labels.items()))


def patched_files(spec: TaskSpec, patch: Path, tmp: Path) -> dict[str, str | None]:
    """The files a (trusted, authored) patch changes or adds, with their new contents (None:
    the patch deletes the file)."""
    work = tmp / f"apply-{spec.id}-{patch.stem}"
    shutil.copytree(spec.repo_dir, work)
    subprocess.run(["git", "apply", str(patch)], cwd=work, check=True)
    out = {}
    for p in sorted(work.rglob("*")):
        rel = p.relative_to(work).as_posix()
        if p.is_file() and "__pycache__" not in rel:
            old = spec.repo_dir / rel
            if not old.exists() or old.read_bytes() != p.read_bytes():
                out[rel] = p.read_text()
    for old in sorted(spec.repo_dir.rglob("*")):
        rel = old.relative_to(spec.repo_dir).as_posix()
        if old.is_file() and "__pycache__" not in rel and not (work / rel).exists():
            out[rel] = None
    return out


def copy_task(tmp: Path, task: Path, change) -> Path:  # noqa: ANN001
    """A copy of a task folder (and its repo) under `tmp/tasks`, its task.yaml changed by
    `change(raw)`; returns the copy's folder (its tasks root is `tmp / "tasks"`)."""
    root = tmp / "tasks"
    raw = yaml.safe_load((task / "task.yaml").read_text())
    shutil.copytree(task.parent.parent / "_repos" / raw["repo"], root / "_repos" / raw["repo"])
    copy = root / task.parent.name / task.name
    shutil.copytree(task, copy)
    change(raw)
    (copy / "task.yaml").write_text(yaml.safe_dump(raw, sort_keys=False))
    return copy


def file_blocks(files: dict[str, str | None]) -> str:
    """A oneshot answer writing these files (None: deleting that file)."""
    return "Here is the change.\n\n" + "\n".join(
        f"```python path={path}\n{'DELETE' + chr(10) if text is None else text}```\n"
        for path, text in files.items())


# Hostile-probe bait (DEVELOPERS.md): everything a probe may touch is the test's own.
SLEEPER = "987.125"  # `sleep 987.125`: a detached grandchild this test can find by its argument


def sleepers() -> list[int]:
    """Processes running `sleep SLEEPER` (started by a probe; none may outlive its sandbox)."""
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                argv = (d / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if argv[:2] == [b"sleep", SLEEPER.encode()]:
                out.append(int(d.name))
    return out


@pytest.fixture
def bait(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A secret in the environment, a sentinel and a secret file outside, a listening port."""
    monkeypatch.setenv("TIERFIT_PROBE_SECRET", "s3cr3t-from-host")
    sentinel = tmp_path / "sentinel.txt"
    sentinel.write_text("original")
    secret_file = tmp_path / "host-secret.txt"
    secret_file.write_text("host-only-contents")
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.5)
    yield {"sentinel": sentinel, "secret_file": secret_file, "port": server.getsockname()[1],
           "server": server}
    server.close()
    for pid in sleepers():  # only if containment failed: clean up what the probe started
        os.kill(pid, signal.SIGKILL)


def pytest_configure(config: pytest.Config) -> None:
    """Results kept between runs (the references' test ids) go to a folder of this session
    only: no test reads what an earlier session or the user's own runs left. (A hook, not an
    import-time change: benchmarks import this module's helpers.)"""
    import tempfile

    os.environ["TIERFIT_CACHE"] = tempfile.mkdtemp(prefix="tierfit-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    cache = os.environ.pop("TIERFIT_CACHE", "")
    if "tierfit-test-cache-" in cache:
        shutil.rmtree(cache, ignore_errors=True)
