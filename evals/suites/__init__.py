"""The suite registry: task type name -> `Suite` (see base.py for the interface).

A built-in suite is one line in BUILTIN; a suite from elsewhere (a plugin module named with
`plugins=[my.module]`, or a test) calls `register()` when imported.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from evals.errors import ConfigError, TaskError
from evals.paths import TASKS_ROOT
from evals.suites.base import Case, RunContext, StaticCheck, Suite, SuiteOptions
from evals.taskspec import TaskSpec, load_task

__all__ = [
    "Case",
    "RunContext",
    "StaticCheck",
    "Suite",
    "SuiteOptions",
    "find_task",
    "get",
    "load_plugins",
    "names",
    "register",
    "task_labels",
]

# name -> the module that defines `SUITE`: one line per built-in suite
BUILTIN: dict[str, str] = {
    "tickets": "evals.suites.tickets",
    "test_writing": "evals.suites.test_writing",
    "refactors": "evals.suites.refactors",
    "architecture": "evals.suites.architecture",
}
_REGISTERED: dict[str, Suite] = {}


def register(suite: Suite) -> Suite:
    """Make `suite` known by its name (a later registration of the same name replaces it)."""
    _REGISTERED[suite.name] = suite
    return suite


def names() -> list[str]:
    return sorted(set(BUILTIN) | set(_REGISTERED))


def get(name: str) -> Suite:
    """The suite called `name`; an unknown name is one line listing the known ones."""
    if name in _REGISTERED:
        return _REGISTERED[name]
    if name not in BUILTIN:
        raise ConfigError(f"unknown suite '{name}' (available: {', '.join(names())})")
    suite = importlib.import_module(BUILTIN[name]).SUITE
    return register(suite)


def load_plugins(modules: list[str]) -> None:
    """Import each plugin module (each registers its suites); a bad name is one line."""
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError as ex:
            raise ConfigError(f"cannot import plugin '{module}': {ex}") from None


def find_task(name: str, tasks_root: Path = TASKS_ROOT) -> TaskSpec:
    """`<suite>/<task-id>` (or a bare task id, looked for in every suite's folder)."""
    if "/" in name:
        suite_name, tid = name.split("/", 1)
        if suite_name not in names():
            raise TaskError(f"unknown task '{name}': no suite '{suite_name}' "
                            f"(available: {', '.join(names())})")
        d = tasks_root / suite_name / tid
        if not tid or not d.is_dir():
            raise TaskError(f"unknown task '{name}' (no folder {d})")
        return load_task(get(suite_name), d, tasks_root)
    hits = [p for p in tasks_root.glob(f"*/{name}")
            if p.parent.name in names() and p.is_dir()]
    if len(hits) != 1:
        raise TaskError(f"unknown task '{name}': give it as <suite>/<task-id>")
    return load_task(get(hits[0].parent.name), hits[0], tasks_root)


def task_labels(suite_name: str, task_id: str, tasks_root: Path = TASKS_ROOT) -> dict[str, str] | None:
    """A task's report labels and task type, from its folder (for report rows of a task no
    logged sample describes); None when the task cannot be read."""
    if suite_name not in names():
        return None
    try:
        spec = load_task(get(suite_name), tasks_root / suite_name / task_id, tasks_root)
    except (TaskError, OSError):
        return None
    return {"task_type": spec.task_type, **spec.labels()}
