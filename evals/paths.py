"""Where things live: the project's configs, tasks and results (one definition of each)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CONFIG_DIR = PROJECT / "configs"
TASKS_ROOT = PROJECT / "tasks"
REPOS_DIR = "_repos"  # tasks/_repos/<repo>: fixture code bases shared by every suite
RESULTS_DIR = PROJECT / "results"
REPORTS_DIR = RESULTS_DIR / "reports"  # `report run=all` (generated, not committed)
PUBLISHED_DIR = RESULTS_DIR / "published"  # `publish` (committed, real runs only)


def in_project(path: str | Path) -> Path:
    """`path` as given when absolute, else relative to the project (not the working dir)."""
    p = Path(path).expanduser()
    return (p if p.is_absolute() else PROJECT / p).resolve()


def cache_dir() -> Path:
    """What tierfit keeps between runs to skip work (never results): $TIERFIT_CACHE, else
    $XDG_CACHE_HOME/tierfit, else ~/.cache/tierfit. Deleting it only costs time."""
    if os.environ.get("TIERFIT_CACHE"):
        return Path(os.environ["TIERFIT_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tierfit"
