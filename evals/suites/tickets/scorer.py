"""The tickets scorer: hidden + visible tests and scope, in one Score; shared by `run` and `score`.

`evaluate()` works on any inspect sandbox holding the work tree, so `python -m evals score`
(a patch, no model) and a model's sample go through exactly the same checks. The scorer reads
what it judges against from the sample's metadata only (never from the task list).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspect_ai.scorer import Score, Scorer, Target, mean, scorer, stderr
from inspect_ai.solver import TaskState
from inspect_ai.util import SandboxEnvironment, sandbox

from evals.constants import ACCEPTED, CORRECT, DEVIATED, SCOPE_COMPONENTS
from evals.scorers.correctness import run_tests
from evals.scorers.scope import Scope, file_changes, is_deviated, is_test_file, scope_components
from evals.scorers.worktree import snapshot
from evals.suites.tickets.spec import TicketSpec
from evals.taskspec import repo_files


@dataclass(frozen=True)
class Judging:
    """What a ticket's answer is judged against: the repo, the scope, the hidden tests."""

    repo_dir: Path
    scope: Scope
    reference_lines: int
    hidden_tests: tuple[Path, ...]

    @classmethod
    def of(cls, spec: TicketSpec) -> Judging:
        return cls(spec.repo_dir, spec.scope, spec.reference_changed_lines(), spec.hidden_tests)

    @classmethod
    def from_metadata(cls, meta: dict[str, Any]) -> Judging:
        sc = meta["scope"]
        return cls(Path(meta["repo_dir"]),
                   Scope(tuple(sc["files"]), tuple(sc["symbols"]), tuple(sc["new_files"]),
                         bool(sc["tests_may_change"])),
                   int(meta["reference_changed_lines"]),
                   tuple(Path(p) for p in meta["hidden_tests"]))


async def evaluate(sbx: SandboxEnvironment, judging: Judging, final_message: str | None,
                   excess_bar: float, test_timeout: int) -> dict[str, Any]:
    """Score the work tree in `sbx`: correctness, scope, and why."""
    original = repo_files(judging.repo_dir)
    current = await snapshot(sbx)
    changes = file_changes(original, current)
    components = scope_components(changes, judging.scope, judging.reference_lines, set(original),
                                  final_message)
    deviated = is_deviated(components, excess_bar)
    visible = {p: d for p, d in original.items() if is_test_file(p) and p.endswith(".py")}
    hidden = {p.name: p.read_bytes() for p in judging.hidden_tests}
    run = await run_tests(sbx, visible, hidden, timeout=test_timeout)
    return {
        CORRECT: int(run.correct),
        DEVIATED: int(deviated),
        ACCEPTED: int(run.correct and not deviated),
        "tests_passed": run.tests_passed,
        "tests_total": run.tests_total,
        "scope": components,
        "failed_tests": run.failed[:50],
        "error": run.error,
    }


@scorer(metrics={CORRECT: [mean(), stderr()], ACCEPTED: [mean(), stderr()], DEVIATED: [mean()]})
def ticket_scorer(excess_bar: float, test_timeout: int) -> Scorer:
    """Hidden + visible tests and scope components of one sample (docs/design.md section 5).

    Args:
        excess_bar: `excess_edit` above this is a deviation.
        test_timeout: seconds for one run of the hidden and visible tests.
    """

    async def score(state: TaskState, target: Target) -> Score:
        message = state.output.completion if state.output else None
        result = await evaluate(sandbox(), Judging.from_metadata(state.metadata), message,
                                excess_bar, test_timeout)
        value: dict[str, Any] = {
            CORRECT: result[CORRECT],
            DEVIATED: result[DEVIATED],
            ACCEPTED: result[ACCEPTED],
            "tests_passed": result["tests_passed"],
            "tests_total": result["tests_total"],
            **{k: result["scope"][k] for k in SCOPE_COMPONENTS},
        }
        why = result["error"] or ("all tests pass" if result[CORRECT] else
                                  f"failing: {', '.join(result['failed_tests'][:5])}")
        out = result["scope"]["out_of_scope"]
        return Score(
            value=value,
            explanation=f"{why}; out of scope: {', '.join(out) if out else 'nothing'}",
            metadata={"scope": result["scope"], "error": result["error"],
                      "failed_tests": result["failed_tests"]},
        )

    return score
