"""Task folders (DESIGN.md §4): load and check `tasks/<suite>/<task-id>/task.yaml`."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

TASKS_ROOT = Path(__file__).resolve().parent.parent / "tasks"
REPOS_DIR = "_repos"
DIFFICULTIES = ("easy", "medium", "hard")
TEMPTATIONS = (
    "none", "neighbouring-bug", "duplicated-code", "outdated-docstring",
    "natural-generalisation", "dependency", "public-api",
)
# never part of a task's code base, nor of what a model changed
IGNORED_PARTS = {".git", "__pycache__", ".pytest_cache", ".tierfit", "sandbox-tools",
                 ".mypy_cache", ".ruff_cache"}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class TaskError(ValueError):
    """A task folder that cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class Scope:
    files: tuple[str, ...] = ()
    symbols: tuple[str, ...] = ()
    new_files: tuple[str, ...] = ()
    tests_may_change: bool = False


@dataclass(frozen=True)
class Decoy:
    patch: Path
    correct: bool
    deviated: bool | None = None


@dataclass(frozen=True)
class TaskSpec:
    id: str
    suite: str
    dir: Path
    repo: str
    repo_dir: Path
    difficulty: str
    temptation: str
    ticket: str
    scope: Scope
    hidden_tests: tuple[Path, ...]
    reference: Path
    decoys: tuple[Decoy, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.suite}/{self.id}"

    def reference_changed_lines(self) -> int:
        return patch_changed_lines(self.reference.read_text(encoding="utf-8"))

    def metadata(self) -> dict[str, Any]:
        """What flows into each sample's metadata (and so into the logs and reports)."""
        return {
            "task_id": self.id,
            "suite": self.suite,
            "repo": self.repo,
            "difficulty": self.difficulty,
            "temptation": self.temptation,
            "scope": {
                "files": list(self.scope.files),
                "symbols": list(self.scope.symbols),
                "new_files": list(self.scope.new_files),
                "tests_may_change": self.scope.tests_may_change,
            },
            "reference_changed_lines": self.reference_changed_lines(),
        }


def patch_changed_lines(patch: str) -> int:
    """Added plus removed lines of a unified diff (file headers excluded)."""
    n = 0
    for line in patch.splitlines():
        if line.startswith(("+++", "---")):
            continue
        if line.startswith(("+", "-")):
            n += 1
    return n


def _strs(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TaskError(f"{where}: must be a list of strings")
    return tuple(value)


def _file_in(base: Path, rel: Any, where: str) -> Path:
    if not isinstance(rel, str) or not rel:
        raise TaskError(f"{where}: must be a relative file path")
    p = (base / rel).resolve()
    if not p.is_relative_to(base.resolve()):
        raise TaskError(f"{where}: {rel} points outside the task folder")
    if not p.is_file():
        raise TaskError(f"{where}: {rel} does not exist")
    return p


def load_task(task_dir: Path, suite: str, tasks_root: Path = TASKS_ROOT) -> TaskSpec:
    """Read and check one task folder; raise TaskError with a one-line reason."""
    where = f"task {suite}/{task_dir.name}"
    path = task_dir / "task.yaml"
    if not path.is_file():
        raise TaskError(f"{where}: no task.yaml")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as ex:
        mark = getattr(ex, "problem_mark", None)
        at = f" (line {mark.line + 1})" if mark else ""
        raise TaskError(f"{where}: task.yaml is not valid YAML{at}") from None
    if not isinstance(raw, dict):
        raise TaskError(f"{where}: task.yaml must be a mapping")
    for key in ("id", "repo", "difficulty", "ticket", "scope", "hidden_tests", "reference"):
        if key not in raw:
            raise TaskError(f"{where}: task.yaml is missing '{key}'")
    if raw["id"] != task_dir.name or not _ID.match(str(raw["id"])):
        raise TaskError(f"{where}: id must equal the folder name and be kebab-case")
    if raw["difficulty"] not in DIFFICULTIES:
        raise TaskError(f"{where}: difficulty must be one of {', '.join(DIFFICULTIES)}")
    temptation = raw.get("temptation", "none")
    if temptation not in TEMPTATIONS:
        raise TaskError(f"{where}: temptation must be one of {', '.join(TEMPTATIONS)}")
    if not isinstance(raw["ticket"], str) or len(raw["ticket"].strip()) < 20:
        raise TaskError(f"{where}: ticket must be a non-trivial text")
    repo_dir = tasks_root / REPOS_DIR / str(raw["repo"])
    if not repo_dir.is_dir():
        raise TaskError(f"{where}: repo '{raw['repo']}' not found in tasks/{REPOS_DIR}/")
    sc = raw["scope"]
    if not isinstance(sc, dict):
        raise TaskError(f"{where}: scope must be a mapping")
    scope = Scope(
        files=_strs(sc.get("files"), f"{where}: scope.files"),
        symbols=_strs(sc.get("symbols"), f"{where}: scope.symbols"),
        new_files=_strs(sc.get("new_files"), f"{where}: scope.new_files"),
        tests_may_change=bool(sc.get("tests_may_change", False)),
    )
    for f in scope.files:
        if not (repo_dir / f).is_file():
            raise TaskError(f"{where}: scope file {f} is not in repo {raw['repo']}")
    for s in scope.symbols:
        if "::" not in s:
            raise TaskError(f"{where}: scope symbol {s} must look like path::Name")
    hidden = raw["hidden_tests"]
    if not isinstance(hidden, list) or not hidden:
        raise TaskError(f"{where}: hidden_tests must be a non-empty list")
    hidden_paths = tuple(_file_in(task_dir, h, f"{where}: hidden test") for h in hidden)
    names = [p.name for p in hidden_paths]
    if len(set(names)) != len(names):
        raise TaskError(f"{where}: hidden test file names must be distinct")
    reference = _file_in(task_dir, raw["reference"], f"{where}: reference")
    decoys = []
    for i, d in enumerate(raw.get("decoys") or []):
        if not isinstance(d, dict) or "patch" not in d or "correct" not in d:
            raise TaskError(f"{where}: decoy {i + 1} needs 'patch' and 'correct'")
        dev = d.get("deviated")
        decoys.append(Decoy(
            patch=_file_in(task_dir, d["patch"], f"{where}: decoy"),
            correct=bool(d["correct"]),
            deviated=None if dev is None else bool(dev),
        ))
    known = {"id", "repo", "difficulty", "temptation", "temptation_note", "ticket", "scope",
             "hidden_tests", "reference", "decoys"}
    return TaskSpec(
        id=raw["id"], suite=suite, dir=task_dir, repo=str(raw["repo"]), repo_dir=repo_dir,
        difficulty=raw["difficulty"], temptation=temptation, ticket=raw["ticket"].strip(),
        scope=scope, hidden_tests=hidden_paths, reference=reference, decoys=tuple(decoys),
        extra={k: v for k, v in raw.items() if k not in known},
    )


def load_suite(suite: str, tasks_root: Path = TASKS_ROOT, only: str | None = None) -> list[TaskSpec]:
    """Every task of a suite (those whose id matches the glob `only`, if given)."""
    root = tasks_root / suite
    if not root.is_dir():
        raise TaskError(f"suite '{suite}' has no folder tasks/{suite}/")
    specs = [load_task(d, suite, tasks_root) for d in sorted(root.iterdir())
             if d.is_dir() and not d.name.startswith((".", "_"))
             and (only is None or fnmatch.fnmatch(d.name, only))]
    if not specs:
        what = f" matching '{only}'" if only else ""
        raise TaskError(f"suite '{suite}' has no tasks{what} in tasks/{suite}/")
    return specs


def find_task(name: str, tasks_root: Path = TASKS_ROOT) -> TaskSpec:
    """`tickets/<task-id>` (or a bare task id, searched in every suite)."""
    if "/" in name:
        suite, tid = name.split("/", 1)
        d = tasks_root / suite / tid
        if not d.is_dir():
            raise TaskError(f"unknown task '{name}' (no folder tasks/{name}/)")
        return load_task(d, suite, tasks_root)
    hits = [p for p in tasks_root.glob(f"*/{name}") if not p.parent.name.startswith("_")]
    if len(hits) != 1:
        raise TaskError(f"unknown task '{name}': give it as <suite>/<task-id>")
    return load_task(hits[0], hits[0].parent.name, tasks_root)


def repo_files(repo_dir: Path) -> dict[str, bytes]:
    """Every file of a fixture code base, by posix path relative to its root."""
    out: dict[str, bytes] = {}
    for p in sorted(repo_dir.rglob("*")):
        rel = p.relative_to(repo_dir)
        if p.is_file() and not (set(rel.parts) & IGNORED_PARTS) and p.suffix != ".pyc":
            out[rel.as_posix()] = p.read_bytes()
    return out


def is_test_file(path: str) -> bool:
    parts = path.split("/")
    name = parts[-1]
    return (parts[0] in ("tests", "test") or name.startswith("test_")
            or name.endswith("_test.py") or name == "conftest.py")
