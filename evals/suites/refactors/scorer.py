"""The refactors scorer: behaviour kept, goal reached, nothing else touched; shared by `run`,
`score` and `validate`, reading what it judges against from the sample's metadata only.

Test runs per answer, each through the guarded runner with its canaries:
- the repo's visible tests (restored), the behaviour tests and any goal tests (the new
  structure, used), all of which import the answer's code;
- the visible test files the ticket lets change, as the answer left them, apart (test code of
  the answer could otherwise patch the package under the behaviour tests);
- the goal checks, which only read the answer's files as text (AST and imports), in a run
  whose import path leaves the work dir out: no code of the answer shares their process, so
  none can patch `ast` or the file reads under them.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspect_ai.scorer import Score, Scorer, Target, mean, scorer, stderr
from inspect_ai.solver import TaskState
from inspect_ai.util import SandboxEnvironment, SandboxEnvironmentSpec, sandbox

from evals.constants import ACCEPTED, CORRECT, DEVIATED, TAMPERED
from evals.sandbox import contained
from evals.scorers.api import add_api_changed
from evals.scorers.correctness import HIDDEN, TestRun, beside, once_per_process, run_tests
from evals.scorers.result import patch_score
from evals.scorers.scope import Scope, file_changes, is_deviated, is_test_file, scope_components
from evals.scorers.worktree import apply_patch, materialize, read_back, snapshot, tampering
from evals.suites.refactors.spec import RefactorSpec
from evals.taskspec import repo_files

GOAL_MET = "goal_met"
BEHAVIOUR_KEPT = "behaviour_kept"


@dataclass(frozen=True)
class Judging:
    """What a refactor is judged against: the repo, the scope, the behaviour tests and goal
    checks, and the reference (whose reported test ids every answer's runs must report too)."""

    repo_dir: Path
    scope: Scope
    reference_code_lines: int
    behaviour_tests: tuple[Path, ...]
    goal_checks: tuple[Path, ...]
    reference: Path
    goal_tests: tuple[Path, ...] = ()

    @classmethod
    def of(cls, spec: RefactorSpec) -> Judging:
        return cls(spec.repo_dir, spec.scope, spec.reference_code_lines(), spec.behaviour_tests,
                   spec.goal_checks, spec.reference, spec.goal_tests)

    @classmethod
    def from_metadata(cls, meta: dict[str, Any]) -> Judging:
        return cls(Path(meta["repo_dir"]), Scope.from_dict(meta["scope"]),
                   int(meta["reference_code_lines"]),
                   tuple(Path(p) for p in meta["behaviour_tests"]),
                   tuple(Path(p) for p in meta["goal_checks"]), Path(meta["reference"]),
                   tuple(Path(p) for p in meta.get("goal_tests", ())))

    def visible(self, original: dict[str, bytes], current: dict[str, bytes]
                ) -> tuple[dict[str, bytes], dict[str, bytes]]:
        """The repo's test files as the judge runs them: those restored from the original, and
        those the ticket lets change (a rename updates their calls) as the answer left them."""
        restored, changed = {}, {}
        for p, data in original.items():
            if not (is_test_file(p) and p.endswith(".py")):
                continue
            if not self.scope.test_may_change(p):
                restored[p] = data
            elif p in current and p.rsplit("/", 1)[-1].startswith("test"):
                changed[p] = current[p]
        return restored, changed

    def key(self, sandbox: SandboxEnvironmentSpec) -> tuple[str, ...]:
        return ("refactors", str(self.repo_dir), str(self.reference),
                *map(str, self.behaviour_tests), *map(str, self.goal_checks),
                *map(str, self.goal_tests), sandbox.type)


def _files(paths: tuple[Path, ...]) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in paths}


async def _runs(sbx: SandboxEnvironment, judging: Judging, original: dict[str, bytes],
                current: dict[str, bytes], timeout: int,
                expected: tuple[set[str], set[str]] | None, started: asyncio.Event | None = None
                ) -> tuple[TestRun, TestRun | None, TestRun]:
    """The behaviour run (restored visible tests, behaviour and goal tests), the run of the
    visible test files the answer was allowed to change (None when there are none: they run
    apart, so no test code of the answer shares a process with the behaviour tests), and the
    goal checks' run. `started` is set when the first run's command starts."""
    restored, changed = judging.visible(original, current)
    behaviour = await run_tests(sbx, restored,
                                _files(judging.behaviour_tests + judging.goal_tests),
                                timeout=timeout,
                                expected_ids=expected[0] if expected else None, started=started)
    own = await run_tests(sbx, changed, {}, timeout=timeout) if changed else None
    goal = await run_tests(sbx, {}, _files(judging.goal_checks), timeout=timeout,
                           expected_ids=expected[1] if expected else None, import_work=False)
    return behaviour, own, goal


async def reference_ids(judging: Judging, sandbox: SandboxEnvironmentSpec,
                        test_timeout: int, fresh: bool = False
                        ) -> tuple[set[str], set[str]] | str:
    """The test ids of the reference's two runs, or why there are none (`fresh`: run them even
    when they are kept, as the sandbox's proof)."""
    async def take() -> tuple[set[str], set[str]] | str:
        name = judging.reference.parent.name
        async with contained(sandbox) as sbx:
            start = await materialize(sbx, judging.repo_dir, git=False)
            why = await apply_patch(sbx, judging.reference.read_bytes(), files=start)
            if why is not None:
                return f"the reference of {name}: {why}"
            behaviour, own, goal = await _runs(sbx, judging, repo_files(judging.repo_dir),
                                               await snapshot(sbx), test_timeout, None)
        for what, run in (("behaviour", behaviour), ("changed tests", own), ("goal", goal)):
            if run is not None and not run.correct:
                return (f"the reference of {name} fails its {what} run in this sandbox: "
                        f"{run.error or '; '.join(run.tampered) or ', '.join(run.failed[:3])}")
        return behaviour.test_ids, goal.test_ids

    return await once_per_process(judging.key(sandbox), take, stored=True, fresh=fresh)


async def evaluate(sbx: SandboxEnvironment, judging: Judging, final_message: str | None,
                   excess_bar: float, test_timeout: int,
                   expected: tuple[set[str], set[str]] | None = None) -> dict[str, Any]:
    """Score the work tree in `sbx`: goal, behaviour, scope (the public API included) and
    tampering, and why."""
    original = repo_files(judging.repo_dir)
    current, tampered = await read_back(sbx, original)
    changes = file_changes(original, current)

    def judge_scope() -> dict[str, Any]:
        components = scope_components(changes, judging.scope, judging.reference_code_lines,
                                      set(original), final_message)
        add_api_changed(components, original, current, judging.scope.api)
        return components

    tampered += tampering(changes, original)
    components, (behaviour, own, goal) = await beside(
        judge_scope, lambda started: _runs(sbx, judging, original, current, test_timeout,
                                           expected, started))
    runs = [r for r in (behaviour, own, goal) if r is not None]
    tampered += list(dict.fromkeys(t for r in runs for t in r.tampered))
    goal_tests = tuple(f"{HIDDEN}/{p.name}" for p in judging.goal_tests)
    # a failing goal test misses the goal; any other failure in that run breaks the behaviour
    kept = (not behaviour.error and all(f.startswith(goal_tests) for f in behaviour.failed)
            if goal_tests else behaviour.correct) and (own is None or own.correct)
    met = goal.correct and not (goal_tests and (behaviour.error or any(
        f.startswith(goal_tests) for f in behaviour.failed)))
    correct = all(r.correct for r in runs) and not tampered
    deviated = is_deviated(components, excess_bar)
    goal_failed = [f.replace(f"{HIDDEN}/", "goal ", 1) for f in goal.failed]
    return {
        CORRECT: int(correct),
        DEVIATED: int(deviated),
        ACCEPTED: int(correct and not deviated),
        TAMPERED: int(bool(tampered)),
        GOAL_MET: int(met and not tampered),
        BEHAVIOUR_KEPT: int(kept and not tampered),
        "tests_passed": sum(r.tests_passed for r in runs),
        "tests_total": sum(r.tests_total for r in runs),
        "scope": components,
        "failed_tests": [*behaviour.failed, *(own.failed if own else []), *goal_failed][:50],
        "tamper_reasons": tampered,
        "error": "; ".join(f"{what}: {run.error}" for what, run in
                           (("behaviour", behaviour), ("changed tests", own), ("goal", goal))
                           if run is not None and run.error) or None,
    }


@scorer(metrics={CORRECT: [mean(), stderr()], ACCEPTED: [mean(), stderr()], DEVIATED: [mean()],
                 TAMPERED: [mean()], GOAL_MET: [mean()], BEHAVIOUR_KEPT: [mean()]})
def refactor_scorer(excess_bar: float, test_timeout: int, sandbox_spec: SandboxEnvironmentSpec
                    ) -> Scorer:
    """Goal checks, behaviour and visible tests, scope (the public API included) and tampering
    of one refactor (docs/design.md sections 4.3 and 5).

    Args:
        excess_bar: `excess_edit` above this is a deviation.
        test_timeout: seconds for each of the two test runs.
        sandbox_spec: the sandbox the task runs in, where the reference's runs are taken once
            per task to know which test ids every run must report.
    """

    async def score(state: TaskState, target: Target) -> Score:
        message = state.output.completion if state.output else None
        judging = Judging.from_metadata(state.metadata)
        expected = await reference_ids(judging, sandbox_spec, test_timeout)
        if isinstance(expected, str):  # the task or the sandbox is broken: a harness fault
            raise RuntimeError(expected)
        result = await evaluate(sandbox(), judging, message, excess_bar, test_timeout, expected)
        return patch_score(result, (CORRECT, DEVIATED, ACCEPTED, TAMPERED, GOAL_MET,
                                    BEHAVIOUR_KEPT, "tests_passed", "tests_total"),
                           "goal reached, behaviour kept")

    return score
