"""How the test-writing suite scores one answer without a model, and how `validate` proves a task."""

from __future__ import annotations

from typing import Any

from inspect_ai.util import SandboxEnvironmentSpec

from evals.sandbox import contained
from evals.scorers.scope import is_test_file
from evals.scorers.worktree import apply_patch, materialize
from evals.suites.base import Case, StaticCheck
from evals.suites.test_writing.judge import judge_tests
from evals.suites.test_writing.scorer import Judging, evaluate
from evals.suites.test_writing.spec import TestWritingSpec, changed_files
from evals.taskspec import repo_files

DECOY_KINDS = ("an invalid one", "a valid one that is not correct", "a deviated one")


async def score_patch(spec: TestWritingSpec, patch: bytes | None,
                      sandbox: SandboxEnvironmentSpec, options: Any,
                      message: str | None = None) -> dict[str, Any]:
    """Apply `patch` (None: the untouched repo, which has no test file) and score it."""
    async with contained(sandbox) as sbx:
        start = await materialize(sbx, spec.repo_dir, git=False)
        if patch is not None:
            why = await apply_patch(sbx, patch, files=start)
            if why is not None:
                return {"task": spec.name, "scored": False, "valid": 0, "correct": 0,
                        "deviated": None, "accepted": 0, "tampered": None, "killed": 0,
                        "scope": None, "error": why}
        result = await evaluate(sbx, Judging.of(spec, options.library_mutants), message,
                                options.test_timeout, options.parallel_runs)
    return {"task": spec.name, "scored": True, **result}


async def variants_keep_the_repo_tests(spec: TestWritingSpec, sandbox: SandboxEnvironmentSpec,
                                       options: Any) -> StaticCheck:
    """A variant is behaviour-equivalent: the repo's own tests pass on it as on the original
    (the reference passing on it is the `reference` case's part)."""
    repo = repo_files(spec.repo_dir)
    own = {p: None for p in sorted(repo) if p.endswith(".py") and is_test_file(p)
           and p.rsplit("/", 1)[-1].startswith("test_")}
    name = "the repo's own tests pass on the original and every variant"
    if not own:
        return StaticCheck(name, "all pass", "the repo has no tests", False)
    versions = {n: files for n, files in Judging.of(spec).versions().items()
                if not n.startswith("mutant:")}
    async with contained(sandbox) as sbx:
        await materialize(sbx, spec.repo_dir, git=False)
        found = await judge_tests(sbx, repo, own, versions, options.test_timeout,
                                  workers=options.parallel_runs)
    if found.error is not None:
        raise RuntimeError(f"test-writing judge: {found.error}")
    bad = found.invalid_because or (f"tampered: {found.tampered[0]}" if found.tampered else None)
    runs = sum(r.tests for r in found.runs.values())
    return StaticCheck(name, "all pass", bad or f"all pass ({runs} test runs)", bad is None)


def cases(spec: TestWritingSpec) -> list[Case]:
    """No test file is not valid; the reference is valid, kills every mutant and is in scope,
    the same on every repeat; every decoy gets its labels; none of them tampers."""
    return [Case("untouched", None, {"valid": 0, "correct": 0, "tampered": 0}),
            Case("reference", spec.reference.read_bytes(),
                 {"valid": 1, "correct": 1, "deviated": 0, "tampered": 0,
                  "killed": len(spec.mutants)}, repeat=True),
            *(Case(f"decoy {d.path.name}", d.path.read_bytes(), {**d.labels, "tampered": 0})
              for d in spec.decoys)]


def reference_only_creates_the_test_file(spec: TestWritingSpec) -> StaticCheck:
    changed = sorted(changed_files(spec.repo_dir, spec.reference))
    return StaticCheck("reference creates only the test file", spec.test_file,
                       ", ".join(changed) or "nothing", changed == [spec.test_file])


def decoy_coverage(spec: TestWritingSpec) -> StaticCheck:
    """A task shows each failure mode: invalid tests, valid tests that miss mutants, and an
    answer that reaches beyond its test file."""
    has = (any(d.labels.get("valid") == 0 for d in spec.decoys),
           any(d.labels.get("valid") == 1 and d.labels.get("correct") == 0 for d in spec.decoys),
           any(d.labels.get("deviated") == 1 for d in spec.decoys))
    got = ", ".join(k for k, h in zip(DECOY_KINDS, has, strict=True) if h) or "none"
    return StaticCheck("decoy coverage", "invalid+incomplete+deviated", got, all(has))


def versions_change_the_target(spec: TestWritingSpec) -> StaticCheck:
    """Variants and mutants change only the code under test's files, never a test file."""
    targets = {t.split("::", 1)[0] for t in spec.target}
    versions = Judging.of(spec).versions()
    bad = [f"{name}: {p}" for name, files in versions.items() for p in files if p not in targets]
    empty = [name for name, files in versions.items() if name != "original" and not files]
    ok = not bad and not empty
    got = "ok" if ok else (f"{bad[0]}" if bad else f"{empty[0]} changes nothing")
    return StaticCheck("variants and mutants change the target only", "target files", got, ok)
