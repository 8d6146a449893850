"""The refactors suite's task.yaml fields (docs/design.md section 4.3)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.errors import TaskError
from evals.scorers.scope import Scope, load_scope
from evals.scorers.worktree import patch_code_lines
from evals.taskspec import Decoy, TaskSpec, decoys, file_in, text

KINDS = ("mechanical", "judgment")
REQUIRED = ("kind", "ticket", "brief", "scope", "behaviour_tests", "goal_checks", "reference")
OPTIONAL = ("goal_tests", "decoys", "notes")
# label -> required on every decoy. goal_met / behaviour_kept / api_changed say *why* a decoy
# gets its verdict (a half-done refactor fails its goal checks, a smuggled behaviour change its
# behaviour tests, a widened signature the API check), so validate proves the reason too
DECOY_LABELS = {"correct": True, "deviated": True, "goal_met": False, "behaviour_kept": False,
                "api_changed": False}


@dataclass(frozen=True, kw_only=True)
class RefactorSpec(TaskSpec):
    kind: str
    ticket: str
    brief: str
    scope: Scope
    behaviour_tests: tuple[Path, ...]
    goal_checks: tuple[Path, ...]
    reference: Path
    decoys: tuple[Decoy, ...] = ()
    # tests of the new structure that need to import it (a registry takes a new writer, the
    # re-export is the moved function): run beside the behaviour tests, they count for the goal
    goal_tests: tuple[Path, ...] = ()

    def reference_code_lines(self) -> int:
        return patch_code_lines(self.repo_dir, self.reference)

    def labels(self) -> dict[str, str]:
        return {**super().labels(), "kind": self.kind}

    def metadata(self) -> dict[str, Any]:
        return {
            **super().metadata(),
            "scope": self.scope.as_dict(),
            "reference_code_lines": self.reference_code_lines(),
            "behaviour_tests": [str(p) for p in self.behaviour_tests],
            "goal_checks": [str(p) for p in self.goal_checks],
            "goal_tests": [str(p) for p in self.goal_tests],
            "reference": str(self.reference),
            "focus_files": list(self.scope.files),  # shown first in a oneshot prompt
        }


def _files(task_dir: Path, raw: Any, where: str, what: str) -> tuple[Path, ...]:
    if not isinstance(raw, list) or not raw:
        raise TaskError(f"{where}: {what} must be a non-empty list")
    return tuple(file_in(task_dir, f, f"{where}: {what}") for f in raw)


def load_refactor(common: dict[str, Any], raw: dict[str, Any], where: str) -> RefactorSpec:
    task_dir: Path = common["dir"]
    if raw["kind"] not in KINDS:
        raise TaskError(f"{where}: kind must be one of {', '.join(KINDS)}")
    ticket, brief = text(raw, "ticket", where), text(raw, "brief", where)
    if len(brief) >= len(ticket):
        raise TaskError(f"{where}: the brief must be shorter than the ticket")
    behaviour = _files(task_dir, raw["behaviour_tests"], where, "behaviour_tests")
    goal = _files(task_dir, raw["goal_checks"], where, "goal_checks")
    goal_tests = _files(task_dir, raw["goal_tests"], where, "goal_tests") \
        if raw.get("goal_tests") is not None else ()
    names = [p.name for p in (*behaviour, *goal, *goal_tests)]
    if len(set(names)) != len(names):
        raise TaskError(f"{where}: behaviour test and goal check/test file names must be distinct")
    return RefactorSpec(
        **common, kind=raw["kind"], ticket=ticket, brief=brief,
        scope=load_scope(raw["scope"], where, common["repo_dir"], common["repo"]),
        behaviour_tests=behaviour, goal_checks=goal, goal_tests=goal_tests,
        reference=file_in(task_dir, raw["reference"], f"{where}: reference"),
        decoys=decoys(task_dir, raw.get("decoys"), where, "patch", DECOY_LABELS),
    )
