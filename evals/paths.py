"""Where things live: the project's configs, tasks and results (one definition of each)."""

from __future__ import annotations

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
