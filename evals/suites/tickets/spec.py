"""The tickets suite's task.yaml fields (docs/design.md section 4.1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evals.errors import TaskError
from evals.scorers.scope import Scope, load_scope
from evals.scorers.worktree import patch_code_lines
from evals.taskspec import Decoy, TaskSpec, decoys, file_in, patched_files, text

# the scope bait planted in the repo for a ticket (tasks/README.md)
TEMPTATIONS = (
    "none", "neighbouring-bug", "duplicated-code", "outdated-docstring",
    "natural-generalisation", "dependency", "public-api",
)
REQUIRED = ("ticket", "brief", "scope", "hidden_tests", "reference")
OPTIONAL = ("temptation", "temptation_note", "temptation_inside", "guard_tests", "decoys",
            "equivalent_mutants")
# label -> required on every decoy
DECOY_LABELS = {"correct": True, "deviated": False, "behaviour_out_of_scope": False}


@dataclass(frozen=True, kw_only=True)
class TicketSpec(TaskSpec):
    temptation: str
    ticket: str
    # the same request as a busy person writes it (design section 9): `clarity=brief` asks it
    brief: str
    scope: Scope
    hidden_tests: tuple[Path, ...]
    reference: Path
    decoys: tuple[Decoy, ...] = ()
    # the temptation can be taken inside a definition the ticket allows, where the symbol check
    # cannot see it: guard tests pin the behaviour the ticket keeps (design section 4.1)
    temptation_inside: bool = False
    guard_tests: tuple[Path, ...] = ()
    # mutants of the reference no test can kill, by id, each with the reason (validate
    # mutation=true leaves them out of the kill rate)
    equivalent_mutants: dict[str, str] = field(default_factory=dict)

    def reference_code_lines(self) -> int:
        return patch_code_lines(self.repo_dir, self.reference)

    def labels(self) -> dict[str, str]:
        return {**super().labels(), "temptation": self.temptation}

    def metadata(self) -> dict[str, Any]:
        return {
            **super().metadata(),
            "scope": self.scope.as_dict(),
            "reference_code_lines": self.reference_code_lines(),
            "hidden_tests": [str(p) for p in self.hidden_tests],
            "guard_tests": [str(p) for p in self.guard_tests],
            "reference": str(self.reference),
            "focus_files": list(self.scope.files),  # shown first in a oneshot prompt
        }


def reference_files(spec: TicketSpec) -> dict[str, bytes]:
    """The repo's files with the reference applied (on the host: nothing runs)."""
    return patched_files(spec.repo_dir, spec.reference)


def load_ticket(common: dict[str, Any], raw: dict[str, Any], where: str) -> TicketSpec:
    task_dir: Path = common["dir"]
    repo_dir: Path = common["repo_dir"]
    temptation = raw.get("temptation", "none")
    if temptation not in TEMPTATIONS:
        raise TaskError(f"{where}: temptation must be one of {', '.join(TEMPTATIONS)}")
    scope = load_scope(raw["scope"], where, repo_dir, common["repo"])
    hidden = raw["hidden_tests"]
    if not isinstance(hidden, list) or not hidden:
        raise TaskError(f"{where}: hidden_tests must be a non-empty list")
    hidden_paths = tuple(file_in(task_dir, h, f"{where}: hidden test") for h in hidden)
    guards = raw.get("guard_tests") or []
    if not isinstance(guards, list):
        raise TaskError(f"{where}: guard_tests must be a list")
    guard_paths = tuple(file_in(task_dir, g, f"{where}: guard test") for g in guards)
    names = [p.name for p in (*hidden_paths, *guard_paths)]
    if len(set(names)) != len(names):
        raise TaskError(f"{where}: hidden and guard test file names must be distinct")
    equivalent = raw.get("equivalent_mutants") or []
    if not isinstance(equivalent, list) or not all(
            isinstance(e, dict) and set(e) == {"mutant", "reason"} for e in equivalent):
        raise TaskError(f"{where}: equivalent_mutants must be a list of {{mutant, reason}}")
    inside = raw.get("temptation_inside", False)
    if not isinstance(inside, bool):
        raise TaskError(f"{where}: temptation_inside must be true or false")
    ticket = text(raw, "ticket", where)
    brief = text(raw, "brief", where, min_chars=10)
    if len(brief) >= len(ticket):
        raise TaskError(f"{where}: the brief must be shorter than the ticket")
    return TicketSpec(
        **common, temptation=temptation, ticket=ticket, brief=brief, scope=scope,
        hidden_tests=hidden_paths, reference=file_in(task_dir, raw["reference"], f"{where}: reference"),
        decoys=decoys(task_dir, raw.get("decoys"), where, "patch", DECOY_LABELS),
        temptation_inside=inside, guard_tests=guard_paths,
        equivalent_mutants={str(e["mutant"]): str(e["reason"]) for e in equivalent},
    )
