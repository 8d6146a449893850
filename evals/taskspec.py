"""Task folders (docs/design.md section 4): `tasks/<suite>/<task-id>/task.yaml`.

The fields every suite shares (id, repo, difficulty) are read here; each suite reads its own
fields with its `load_spec`. Helpers for the field types suites share (file paths inside the
task folder, string lists, labelled decoys) live here too, so every suite checks them alike, and
so do a task's own patches applied on the host (task data, trusted: a reference, a change under
review, a planted bug), which solvers and scorers both read.
"""

from __future__ import annotations

import ast
import dataclasses
import fnmatch
import functools
import posixpath
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from evals.constants import BRIEF, BRIEF_SUFFIX, DIFFICULTIES, SCOPED, TASK_TYPE
from evals.errors import TaskError
from evals.paths import REPOS_DIR, TASKS_ROOT

if TYPE_CHECKING:
    from evals.suites.base import Suite

COMMON_KEYS = ("id", "repo", "difficulty")
# the harness's own folders in a work tree (version control, the report, inspect's tool helper):
# never part of what an answer changed
HARNESS_PARTS = frozenset({".git", ".tierfit", "sandbox-tools"})
# caches: never copied in from a fixture repo, but in an answer they are changes like any other
# (a .pyc can stand in for its source, and code can hide under a cache folder)
CACHE_PARTS = frozenset({"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"})
IGNORED_PARTS = HARNESS_PARTS | CACHE_PARTS
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def is_ignored(path: str) -> bool:
    """Whether a path is left out of a task's code base (harness folders and caches)."""
    return bool(set(path.split("/")) & IGNORED_PARTS) or path.endswith(".pyc")


def is_harness(path: str) -> bool:
    """Whether a work-tree path belongs to the harness, not to the answer (caches do not)."""
    return bool(set(path.split("/")) & HARNESS_PARTS)


def is_bytecode(path: str) -> bool:
    return "__pycache__" in path.split("/") or path.endswith((".pyc", ".pyo"))


@dataclass(frozen=True, kw_only=True)
class TaskSpec:
    """What every task has; each suite's spec adds its own fields."""

    id: str
    suite: str
    dir: Path
    repo: str
    repo_dir: Path
    difficulty: str
    task_type: str = ""  # the report's verdict row this task counts toward (set by its suite)

    @property
    def name(self) -> str:
        return f"{self.suite}/{self.id}"

    def labels(self) -> dict[str, str]:
        """Categorical columns of the report (by repo, by difficulty, ...)."""
        return {"repo": self.repo, "difficulty": self.difficulty}

    def metadata(self) -> dict[str, Any]:
        """What flows into each sample's metadata (and so into the logs and the report)."""
        return {"task_id": self.id, "suite": self.suite, TASK_TYPE: self.task_type or self.suite,
                "repo_dir": str(self.repo_dir), "labels": self.labels(), **self.labels()}


@dataclass(frozen=True)
class Decoy:
    """A patch or answer with the labels `validate` checks it gets."""

    path: Path
    labels: dict[str, int]


def read_yaml(path: Path, where: str) -> dict[str, Any]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as ex:
        mark = getattr(ex, "problem_mark", None)
        at = f" (line {mark.line + 1})" if mark else ""
        raise TaskError(f"{where}: {path.name} is not valid YAML{at}") from None
    except (OSError, UnicodeDecodeError) as ex:
        raise TaskError(f"{where}: cannot read {path.name} ({type(ex).__name__})") from None
    if not isinstance(raw, dict):
        raise TaskError(f"{where}: {path.name} must be a mapping")
    return raw


def strs(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TaskError(f"{where}: must be a list of strings")
    return tuple(value)


def text(raw: dict[str, Any], key: str, where: str, min_chars: int = 20) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or len(value.strip()) < min_chars:
        raise TaskError(f"{where}: {key} must be a non-trivial text")
    return value.strip()


def file_in(base: Path, rel: Any, where: str) -> Path:
    """A file named relative to `base` that exists and does not point outside it."""
    if not isinstance(rel, str) or not rel:
        raise TaskError(f"{where}: must be a relative file path")
    p = (base / rel).resolve()
    if not p.is_relative_to(base.resolve()):
        raise TaskError(f"{where}: {rel} points outside the task folder")
    if not p.is_file():
        raise TaskError(f"{where}: {rel} does not exist")
    return p


def decoys(task_dir: Path, raw: Any, where: str, file_key: str,
           labels: dict[str, bool]) -> tuple[Decoy, ...]:
    """`decoys:` entries, each `{<file_key>: path, <label>: bool, ...}`; `labels` maps each
    label the suite knows to whether every decoy must give it."""
    out = []
    for i, d in enumerate(raw or []):
        need = [file_key, *(k for k, required in labels.items() if required)]
        if not isinstance(d, dict) or any(k not in d for k in need):
            raise TaskError(f"{where}: decoy {i + 1} needs {' and '.join(repr(k) for k in need)}")
        unknown = sorted(set(d) - {file_key, *labels})
        if unknown:
            raise TaskError(f"{where}: decoy {i + 1} has unknown key '{unknown[0]}'")
        got = {k: int(bool(d[k])) for k in labels if d.get(k) is not None}
        out.append(Decoy(file_in(task_dir, d[file_key], f"{where}: decoy"), got))
    return tuple(out)


def load_task(suite: Suite, task_dir: Path, tasks_root: Path = TASKS_ROOT) -> TaskSpec:
    """Read and check one task folder of `suite`; raise TaskError with a one-line reason."""
    where = f"task {suite.name}/{task_dir.name}"
    path = task_dir / "task.yaml"
    if not path.is_file():
        raise TaskError(f"{where}: no task.yaml")
    raw = read_yaml(path, where)
    for key in (*COMMON_KEYS, *suite.required_keys):
        if key not in raw:
            raise TaskError(f"{where}: task.yaml is missing '{key}'")
    unknown = sorted(set(raw) - set(COMMON_KEYS) - set(suite.required_keys)
                     - set(suite.optional_keys))
    if unknown:
        raise TaskError(f"{where}: task.yaml has unknown key '{unknown[0]}'")
    if raw["id"] != task_dir.name or not _ID.match(str(raw["id"])):
        raise TaskError(f"{where}: id must equal the folder name and be kebab-case")
    if raw["difficulty"] not in DIFFICULTIES:
        raise TaskError(f"{where}: difficulty must be one of {', '.join(DIFFICULTIES)}")
    repo_dir = tasks_root / REPOS_DIR / str(raw["repo"])
    if not repo_dir.is_dir():
        raise TaskError(f"{where}: repo '{raw['repo']}' not found in {REPOS_DIR}/ of "
                        f"{tasks_root}")
    common = {"id": str(raw["id"]), "suite": suite.name, "dir": task_dir, "repo": str(raw["repo"]),
              "repo_dir": repo_dir, "difficulty": str(raw["difficulty"])}
    spec = suite.load_spec(common, raw, where)
    return dataclasses.replace(spec, task_type=suite.task_type(spec))


def load_suite(suite: Suite, tasks_root: Path = TASKS_ROOT,
               only: str | None = None) -> list[TaskSpec]:
    """Every task of a suite (those whose id matches the glob `only`, if given)."""
    root = tasks_root / suite.name
    if not root.is_dir():
        raise TaskError(f"suite '{suite.name}' has no folder {root}")
    specs = [load_task(suite, d, tasks_root) for d in sorted(root.iterdir())
             if d.is_dir() and not d.name.startswith((".", "_"))
             and (only is None or fnmatch.fnmatch(d.name, only))]
    if not specs:
        what = f" matching '{only}'" if only else ""
        raise TaskError(f"suite '{suite.name}' has no tasks{what} in {root}")
    return specs


def select(specs: list[TaskSpec], task_ids: list[str] | None) -> list[TaskSpec]:
    """The specs named by `task_ids` (all when None); an unknown id is one line."""
    if not task_ids:
        return specs
    unknown = sorted(set(task_ids) - {s.id for s in specs})
    if unknown:
        raise TaskError(f"unknown task id(s): {', '.join(unknown)}")
    return [s for s in specs if s.id in task_ids]


def repo_files(repo_dir: Path) -> dict[str, bytes]:
    """Every file of a fixture code base, by posix path relative to its root."""
    out: dict[str, bytes] = {}
    for p in sorted(repo_dir.rglob("*")):
        rel = p.relative_to(repo_dir).as_posix()
        if p.is_file() and not is_ignored(rel):
            out[rel] = p.read_bytes()
    return out


def patched_files(repo_dir: Path, patch: Path) -> dict[str, bytes]:
    """A fixture repo's files with a task's own patch (a reference) applied, on the host: the
    task's trusted data, applied with git and never run here. TaskError if it does not apply."""
    return _patched(repo_dir, patch, patch.stat().st_mtime_ns)


@functools.cache
def _patched(repo_dir: Path, patch: Path, _mtime: int) -> dict[str, bytes]:
    original = repo_files(repo_dir)
    if not patch.read_bytes().strip():
        return original  # an empty reference changes nothing (validate says it is not correct)
    with tempfile.TemporaryDirectory(prefix="tierfit-ref-") as tmp:
        shutil.copytree(repo_dir, tmp, dirs_exist_ok=True)
        r = subprocess.run(["git", "apply", "--whitespace=nowarn", str(patch)], cwd=tmp,
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise TaskError(f"{patch}: the patch does not apply: {r.stderr.strip()[:300]}")
        return repo_files(Path(tmp))


def work_tree_files(repo_dir: Path, start_patch: str | Path | None = None) -> dict[str, bytes]:
    """The files a sample's work tree starts with: its repo, with the task's start patch (a
    change under review, a planted bug) applied on the host if it has one."""
    return patched_files(repo_dir, Path(start_patch)) if start_patch else repo_files(repo_dir)


def mentioned_files(text: str, files: dict[str, bytes]) -> list[str]:
    """The repo's Python files a request points at: by path, by file name, or by a top-level
    function or class it names (a brief's prompt shows these first, as a ticket's shows its
    scope: a brief must not get the ticket's scope as a hint)."""
    def said(word: str) -> bool:
        return re.search(rf"(?<![\w/]){re.escape(word)}(?!\w)", text) is not None

    found = []
    for path, data in sorted(files.items()):
        if not path.endswith(".py"):
            continue
        if said(path) or said(posixpath.basename(path)):
            found.append(path)
            continue
        try:
            tree = ast.parse(data.decode("utf-8"))
        except (SyntaxError, ValueError, UnicodeDecodeError):
            continue
        if any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
               and len(n.name) >= 4 and said(n.name) for n in tree.body):
            found.append(path)
    return found


def split_sample_id(sample_id: str) -> tuple[str, str]:
    """A sample's task id and clarity: a brief's sample is the task's id with BRIEF_SUFFIX."""
    if sample_id.endswith(BRIEF_SUFFIX):
        return sample_id[: -len(BRIEF_SUFFIX)], BRIEF
    return sample_id, SCOPED
