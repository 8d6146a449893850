"""Shared helpers: real tasks, patched file contents, and scripted mockllm models."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import evals._registry  # noqa: F401  (registers the sandbox and provider, as the entry point does)
from evals.taskspec import TaskSpec, load_suite

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def ticket_specs() -> dict[str, TaskSpec]:
    return {s.id: s for s in load_suite("tickets")}


def patched_files(spec: TaskSpec, patch: Path, tmp: Path) -> dict[str, str]:
    """The files a (trusted, authored) patch changes or adds, with their new contents."""
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
    return out


def file_blocks(files: dict[str, str]) -> str:
    return "Here is the change.\n\n" + "\n".join(
        f"```python path={path}\n{text}```\n" for path, text in files.items())
