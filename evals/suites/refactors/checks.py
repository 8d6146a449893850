"""How the refactors suite scores one patch without a model, and how `validate` proves a task."""

from __future__ import annotations

from typing import Any

from inspect_ai.util import SandboxEnvironmentSpec

from evals.sandbox import contained
from evals.scorers.scope import file_changes
from evals.scorers.worktree import apply_patch, materialize
from evals.suites.base import Case, StaticCheck
from evals.suites.briefs import brief_check
from evals.suites.refactors.scorer import BEHAVIOUR_KEPT, GOAL_MET, Judging, evaluate, reference_ids
from evals.suites.refactors.spec import RefactorSpec
from evals.taskspec import patched_files, repo_files


async def score_patch(spec: RefactorSpec, patch: bytes | None, sandbox: SandboxEnvironmentSpec,
                      options: Any, message: str | None = None) -> dict[str, Any]:
    """Apply `patch` (None: the untouched repo) to a fresh work tree and score it."""
    judging = Judging.of(spec)
    expected = await reference_ids(judging, sandbox, options.test_timeout)
    expected = None if isinstance(expected, str) else expected  # validate reports it itself
    async with contained(sandbox) as sbx:
        start = await materialize(sbx, spec.repo_dir, git=False)
        if patch is not None:
            why = await apply_patch(sbx, patch, files=start)
            if why is not None:
                return {"task": spec.name, "scored": False, "correct": 0, "tests_passed": 0,
                        "tests_total": 0, "deviated": None, "accepted": 0, "tampered": None,
                        GOAL_MET: None, BEHAVIOUR_KEPT: None, "scope": None, "error": why}
        result = await evaluate(sbx, judging, message, options.excess_bar, options.test_timeout,
                                expected)
    # the label: whether the public API changed beyond the ticket (the count is in `scope`)
    return {"task": spec.name, "scored": True, **result,
            "api_changed": int(bool(result["scope"]["api_changed"]))}


def cases(spec: RefactorSpec) -> list[Case]:
    """The untouched repo keeps the behaviour and misses the goal; the reference reaches it,
    in scope, the same on every repeat; every decoy gets its labels (and the reason for them)."""
    return [Case("untouched", None, {"correct": 0, GOAL_MET: 0, BEHAVIOUR_KEPT: 1,
                                     "deviated": 0, "tampered": 0}),
            Case("reference", spec.reference.read_bytes(),
                 {"correct": 1, "deviated": 0, GOAL_MET: 1, BEHAVIOUR_KEPT: 1, "api_changed": 0,
                  "tampered": 0}, repeat=True),
            *(Case(f"decoy {d.path.name}", d.path.read_bytes(), {**d.labels, "tampered": 0})
              for d in spec.decoys)]


# the decoy kinds every refactor task has (design section 4.3), by the labels that show them
DECOY_KINDS = {
    "half-done (goal fails)": lambda d: d.get("correct") == 0 and d.get(GOAL_MET) == 0,
    "behaviour changed": lambda d: d.get("correct") == 0 and d.get(BEHAVIOUR_KEPT) == 0,
    "over-reorganised": lambda d: d.get("correct") == 1 and d.get("deviated") == 1
    and d.get("api_changed") == 0,
    "public API changed": lambda d: d.get("deviated") == 1 and d.get("api_changed") == 1,
}


def decoy_coverage(spec: RefactorSpec) -> StaticCheck:
    missing = [k for k, has in DECOY_KINDS.items() if not any(has(d.labels) for d in spec.decoys)]
    return StaticCheck("decoy kinds", ", ".join(DECOY_KINDS),
                       f"missing: {', '.join(missing)}" if missing else "all", not missing)


def reference_in_scope_files(spec: RefactorSpec) -> StaticCheck:
    """The files the reference touches: how many (the suite wants multi-file refactors), and
    that each is one the scope allows (a scope that forgets a file fails every good answer)."""
    changes = file_changes(repo_files(spec.repo_dir), patched_files(spec.repo_dir, spec.reference))
    outside = [c.path for c in changes
               if not (c.path in spec.scope.files or spec.scope.new_file_allowed(c.path)
                       or spec.scope.test_may_change(c.path))]
    return StaticCheck("reference files", "all in scope",
                       f"{len(changes)} files" + (f"; outside: {', '.join(outside)}"
                                                  if outside else ""), not outside)


def brief_is_brief(spec: RefactorSpec) -> StaticCheck:
    """The brief (design section 9): short, and no literal of the behaviour or goal tests."""
    return brief_check(spec.brief, spec.ticket, [*spec.behaviour_tests, *spec.goal_tests],
                       repo_files(spec.repo_dir), patched_files(spec.repo_dir, spec.reference))
