"""The test-writing scorer: one sample's test file judged against the original, the variants and
the mutants, plus scope (the answer may create its test file and nothing else). Shared by `run`
and `score`; everything it judges against comes from the sample's metadata."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspect_ai.scorer import Score, Scorer, Target, mean, scorer, stderr
from inspect_ai.solver import TaskState
from inspect_ai.util import SandboxEnvironment, sandbox

from evals.constants import ACCEPTED, CORRECT, DEVIATED, SCOPE_COMPONENTS, TAMPERED
from evals.scorers.scope import (
    Scope,
    file_changes,
    imports_of,
    is_deviated,
    is_test_file,
    local_modules,
    scope_components,
)
from evals.scorers.worktree import read_back, tampering
from evals.suites.test_writing.judge import judge_test_file
from evals.suites.test_writing.spec import TestWritingSpec, changed_files, library_mutants
from evals.taskspec import repo_files

VALID = "valid"
MUTATION_SCORE = "mutation_score"
LIBRARY_SCORE = "library_mutation_score"  # kill rate on library-generated mutants: never the verdict


@dataclass(frozen=True)
class Judging:
    """What a sample's test file is judged against."""

    repo_dir: Path
    test_file: str
    variants: tuple[Path, ...]
    mutants: tuple[tuple[Path, str], ...]  # (patch, the requirement it breaks)
    target: tuple[str, ...] = ()
    library_limit: int = 0  # how many library-generated mutants of the target (second score)
    seed: str = ""

    @classmethod
    def of(cls, spec: TestWritingSpec, library_limit: int = 0) -> Judging:
        return cls(spec.repo_dir, spec.test_file, spec.variants,
                   tuple((m.patch, m.breaks) for m in spec.mutants), spec.target,
                   library_limit, spec.id)

    @classmethod
    def from_metadata(cls, meta: dict[str, Any], library_limit: int = 0) -> Judging:
        return cls(Path(meta["repo_dir"]), meta["test_file"],
                   tuple(Path(p) for p in meta["variants"]),
                   tuple((Path(m["patch"]), m["breaks"]) for m in meta["mutants"]),
                   tuple(meta.get("target", ())), library_limit, str(meta.get("task_id", "")))

    def library(self) -> tuple[tuple[str, str, dict[str, bytes]], ...]:
        return library_mutants(self.repo_dir, self.target, self.library_limit, self.seed)

    def versions(self) -> dict[str, dict[str, bytes]]:
        """The code each test file is run against: name -> the files that differ from the
        repo ("original" differs in none). Names: `original`, `variant:<stem>`,
        `mutant:<stem>`, `library:<name>`."""
        out: dict[str, dict[str, bytes]] = {"original": {}}
        for v in self.variants:
            out[f"variant:{v.stem}"] = changed_files(self.repo_dir, v)
        for patch, _ in self.mutants:
            out[f"mutant:{patch.stem}"] = changed_files(self.repo_dir, patch)
        for name, _, files in self.library():
            out[f"library:{name}"] = files
        return out

    @property
    def scope(self) -> Scope:
        # the test file is the one new file; no existing file may change
        return Scope(files=(), symbols=(), new_files=(self.test_file,), tests_may_change=True)


def _scope(changes: list, judging: Judging, original: dict[str, bytes],
           message: str | None) -> dict[str, Any]:
    """Scope of a test-writing answer: production code untouched, only the test file created,
    no other test file or configuration changed, no dependency (pytest is the test runner)."""
    comps = scope_components(changes, judging.scope, 10**6, set(original), message)
    others = [c.path for c in changes if c.path != judging.test_file and is_test_file(c.path)]
    ours = next((c for c in changes if c.path == judging.test_file), None)
    deps: list[str] = []
    if ours is not None and ours.new is not None:
        local = local_modules(set(original) | {c.path for c in changes})
        added = imports_of(ours.new) - set(sys.stdlib_module_names) - local - {"pytest", "_pytest"}
        deps = [f"import {m}" for m in sorted(added)]
    comps["tests_modified"] = len(others)
    comps["deps_changed"] = int(comps["deps_changed"]) + len(deps)
    comps["out_of_scope"] = [*comps["out_of_scope"], *others, *deps]  # type: ignore[misc]
    comps["excess_edit"] = 0.0  # how long the tests are is verbosity, never a deviation
    return comps


async def evaluate(sbx: SandboxEnvironment, judging: Judging, message: str | None,
                   test_timeout: int, workers: int = 1) -> dict[str, Any]:
    """Score the work tree in `sbx`."""
    start = time.perf_counter()
    original = repo_files(judging.repo_dir)
    current, tampered = await read_back(sbx, original)
    changes = file_changes(original, current)
    components = _scope(changes, judging, original, message)
    tampered += tampering(changes, original)
    source = current.get(judging.test_file)
    versions = judging.versions()
    base = {"mutants_total": len(judging.mutants), "library_total": len(judging.library()),
            "test_lines": len(source.splitlines()) if source else 0}
    if source is None:
        return _result(False, 0, [], tampered, components, judging, base,
                       error=None, why=f"no test file at {judging.test_file}", start=start)
    found = await judge_test_file(sbx, original, judging.test_file, source, versions,
                                  test_timeout, work_dir=await _work_dir(sbx), workers=workers)
    if found.error is not None:  # the judge could not run: the harness's fault, not the model's
        raise RuntimeError(f"test-writing judge: {found.error}")
    tampered += found.tampered
    why = found.invalid_because
    base["library_killed"] = len(found.killed_of("library:"))
    return _result(why is None, len(found.killed), found.survived, tampered, components,
                   judging, base, error=None, why=why, start=start,
                   runs={n: {"tests": r.tests, "passed": r.passed, "error": r.error,
                             "failed": r.failed[:5], "seconds": r.seconds}
                         for n, r in found.runs.items()})


async def _work_dir(sbx: SandboxEnvironment) -> str | None:
    res = await sbx.exec(["pwd"], timeout=30)
    return res.stdout.strip() or None if res.success else None


def _result(valid: bool, killed: int, survived: list[str], tampered: list[str],
            components: dict[str, Any], judging: Judging, base: dict[str, Any], error: str | None,
            why: str | None, start: float, runs: dict[str, Any] | None = None) -> dict[str, Any]:
    total = base["mutants_total"]
    valid = valid and not tampered
    killed = killed if valid else 0
    correct = valid and killed == total
    deviated = is_deviated(components, excess_bar=float("inf"))
    breaks = {p.stem: b for p, b in judging.mutants}
    lib_total = base["library_total"]
    lib_killed = base.get("library_killed", 0) if valid else 0
    return {
        VALID: int(valid),
        CORRECT: int(correct),
        DEVIATED: int(deviated),
        ACCEPTED: int(correct and not deviated),
        TAMPERED: int(bool(tampered)),
        "killed": killed,
        MUTATION_SCORE: round(killed / total, 4) if total else 0.0,
        "mutants_total": total,
        "survived": [f"{s} (breaks {breaks.get(s, '?')})" for s in survived] if valid else [],
        LIBRARY_SCORE: round(lib_killed / lib_total, 4) if lib_total else None,
        "library_killed": lib_killed,
        "library_total": lib_total,
        "test_lines": base["test_lines"],
        "scope": components,
        "invalid_because": why,
        "tamper_reasons": tampered,
        "runs": runs or {},
        "scoring_seconds": round(time.perf_counter() - start, 3),
        "error": error,
    }


@scorer(metrics={CORRECT: [mean(), stderr()], ACCEPTED: [mean(), stderr()], DEVIATED: [mean()],
                 TAMPERED: [mean()], VALID: [mean()], MUTATION_SCORE: [mean()]})
def test_writing_scorer(test_timeout: int, library_mutants: int = 0,
                        parallel_runs: int = 1) -> Scorer:
    """A sample's test file against the original, the variants and the mutants, and its scope
    (docs/design.md sections 4.2 and 5).

    Args:
        test_timeout: seconds for the tests' run against one version of the code.
        library_mutants: how many mutmut-operator mutants of the target to also run (a second
            score, `library_mutation_score`, never part of the verdict).
        parallel_runs: versions of the code judged at once in the sample's sandbox.
    """

    async def score(state: TaskState, target: Target) -> Score:
        message = state.output.completion if state.output else None
        judging = Judging.from_metadata(state.metadata, library_mutants)
        result = await evaluate(sandbox(), judging, message, test_timeout, parallel_runs)
        value: dict[str, Any] = {
            k: result[k] for k in (CORRECT, DEVIATED, ACCEPTED, TAMPERED, VALID, MUTATION_SCORE,
                                   "killed", "mutants_total", "test_lines")}
        if result[LIBRARY_SCORE] is not None:
            value[LIBRARY_SCORE] = result[LIBRARY_SCORE]
        value.update({k: result["scope"][k] for k in SCOPE_COMPONENTS})
        if result[TAMPERED]:
            why = "tampered: " + "; ".join(result["tamper_reasons"])
        elif not result[VALID]:
            why = f"invalid: {result['invalid_because']}"
        else:
            why = f"valid; killed {result['killed']} of {result['mutants_total']} mutants"
            if result["survived"]:
                why += f" (survived: {', '.join(result['survived'][:5])})"
        out = result["scope"]["out_of_scope"]
        return Score(value=value,
                     explanation=f"{why}; out of scope: {', '.join(out) if out else 'nothing'}",
                     metadata={k: result[k] for k in ("scope", "survived", "invalid_because",
                                                      "tamper_reasons", "runs",
                                                      "scoring_seconds")})

    return score
