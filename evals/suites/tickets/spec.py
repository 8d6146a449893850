"""The tickets suite's task.yaml fields (docs/design.md section 4.1)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.errors import TaskError
from evals.scorers.scope import Scope, patch_changed_lines
from evals.taskspec import Decoy, TaskSpec, decoys, file_in, strs, text

# the scope bait planted in the repo for a ticket (tasks/README.md)
TEMPTATIONS = (
    "none", "neighbouring-bug", "duplicated-code", "outdated-docstring",
    "natural-generalisation", "dependency", "public-api",
)
REQUIRED = ("ticket", "scope", "hidden_tests", "reference")
OPTIONAL = ("temptation", "temptation_note", "decoys")
DECOY_LABELS = {"correct": True, "deviated": False}  # label -> required on every decoy


@dataclass(frozen=True, kw_only=True)
class TicketSpec(TaskSpec):
    temptation: str
    ticket: str
    scope: Scope
    hidden_tests: tuple[Path, ...]
    reference: Path
    decoys: tuple[Decoy, ...] = ()

    def reference_changed_lines(self) -> int:
        return patch_changed_lines(self.reference.read_text(encoding="utf-8"))

    def labels(self) -> dict[str, str]:
        return {**super().labels(), "temptation": self.temptation}

    def metadata(self) -> dict[str, Any]:
        return {
            **super().metadata(),
            "scope": {
                "files": list(self.scope.files),
                "symbols": list(self.scope.symbols),
                "new_files": list(self.scope.new_files),
                "tests_may_change": self.scope.tests_may_change,
            },
            "reference_changed_lines": self.reference_changed_lines(),
            "hidden_tests": [str(p) for p in self.hidden_tests],
            "reference": str(self.reference),
            "focus_files": list(self.scope.files),  # shown first in a oneshot prompt
        }


def load_ticket(common: dict[str, Any], raw: dict[str, Any], where: str) -> TicketSpec:
    task_dir: Path = common["dir"]
    repo_dir: Path = common["repo_dir"]
    temptation = raw.get("temptation", "none")
    if temptation not in TEMPTATIONS:
        raise TaskError(f"{where}: temptation must be one of {', '.join(TEMPTATIONS)}")
    sc = raw["scope"]
    if not isinstance(sc, dict):
        raise TaskError(f"{where}: scope must be a mapping")
    scope = Scope(
        files=strs(sc.get("files"), f"{where}: scope.files"),
        symbols=strs(sc.get("symbols"), f"{where}: scope.symbols"),
        new_files=strs(sc.get("new_files"), f"{where}: scope.new_files"),
        tests_may_change=bool(sc.get("tests_may_change", False)),
    )
    for f in scope.files:
        if not (repo_dir / f).is_file():
            raise TaskError(f"{where}: scope file {f} is not in repo {common['repo']}")
    for s in scope.symbols:
        if "::" not in s:
            raise TaskError(f"{where}: scope symbol {s} must look like path::Name")
    hidden = raw["hidden_tests"]
    if not isinstance(hidden, list) or not hidden:
        raise TaskError(f"{where}: hidden_tests must be a non-empty list")
    hidden_paths = tuple(file_in(task_dir, h, f"{where}: hidden test") for h in hidden)
    names = [p.name for p in hidden_paths]
    if len(set(names)) != len(names):
        raise TaskError(f"{where}: hidden test file names must be distinct")
    return TicketSpec(
        **common, temptation=temptation, ticket=text(raw, "ticket", where), scope=scope,
        hidden_tests=hidden_paths, reference=file_in(task_dir, raw["reference"], f"{where}: reference"),
        decoys=decoys(task_dir, raw.get("decoys"), where, "patch", DECOY_LABELS),
    )
