"""How adequate a ticket's hidden tests are: the kill rate of mutants of the definitions the
reference changed (`validate mutation=true`, docs/design.md section 5)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inspect_ai.util import SandboxEnvironmentSpec

from evals.sandbox import contained
from evals.scorers.correctness import run_tests
from evals.scorers.mutants import Mutant, mutants
from evals.scorers.scope import (
    changed_line_numbers,
    file_changes,
    is_test_file,
    symbol_map,
    text_lines,
)
from evals.scorers.worktree import apply_patch, materialize
from evals.suites.base import StaticCheck
from evals.suites.tickets.scorer import Judging
from evals.suites.tickets.spec import TicketSpec, reference_files
from evals.taskspec import repo_files

BAR = 0.9  # every ticket's hidden tests kill at least this share of their mutants


def reference_mutants(spec: TicketSpec) -> list[Mutant]:
    """Mutants of every line the reference added or changed, in each non-test Python file."""
    original = repo_files(spec.repo_dir)
    out: list[Mutant] = []
    for ch in file_changes(original, reference_files(spec)):
        if not ch.path.endswith(".py") or is_test_file(ch.path) or ch.new is None:
            continue
        old, new = text_lines(ch.old), text_lines(ch.new)
        source = ch.new.decode("utf-8")
        smap = symbol_map(source)
        if old is None or new is None or smap is None:
            continue
        # the lines the reference added or changed, as mutmut's own --use-patch-file mode
        # chooses them: a definition the reference only touched keeps its other lines, which
        # the repo's own tests are there for (import lines are not behaviour)
        changed = changed_line_numbers(old, new)[1]
        out += mutants(ch.path, source, {n for n in changed if smap.get(n) not in ("", None)})
    return out


@dataclass(frozen=True)
class Adequacy:
    total: int
    killed: int
    survivors: list[str]  # ids of mutants the tests missed, not listed as equivalent
    equivalent: int

    @property
    def rate(self) -> float:
        counted = self.total - self.equivalent
        return self.killed / counted if counted else 1.0


async def adequacy(spec: TicketSpec, sandbox: SandboxEnvironmentSpec, options: Any) -> Adequacy:
    """Run the hidden, guard and visible tests against every mutant, in one sandbox: the repo
    with the reference applied, one file swapped for a mutant at a time. A mutant is killed
    when the answer it stands for would be judged wrong or deviated."""
    found = reference_mutants(spec)
    judging = Judging.of(spec)
    visible, hidden = judging.tests(repo_files(spec.repo_dir))
    equivalent = set(spec.equivalent_mutants)
    killed, survivors, skipped = 0, [], 0
    async with contained(sandbox) as sbx:
        start = await materialize(sbx, spec.repo_dir, git=False)
        why = await apply_patch(sbx, spec.reference.read_bytes(), files=start)
        if why is not None:
            raise RuntimeError(f"the reference of {spec.name}: {why}")
        patched = reference_files(spec)  # what each mutated file goes back to
        for m in found:
            await sbx.write_file(m.path, m.source)
            run = await run_tests(sbx, visible, hidden, timeout=options.test_timeout,
                                  guard_tests=judging.guards())
            await sbx.write_file(m.path, patched[m.path])
            if not run.correct or run.guard_failed:  # caught as wrong, or as a deviation
                killed += 1
            elif m.id in equivalent:
                skipped += 1
            else:
                survivors.append(m.id)
    return Adequacy(len(found), killed, survivors, skipped)


def check(result: Adequacy) -> StaticCheck:
    ok = result.rate >= BAR
    got = f"{result.rate:.2f} ({result.killed}/{result.total - result.equivalent})"
    if result.survivors:  # every one, for task.yaml's equivalent_mutants or a new test
        got += f"; {len(result.survivors)} survive: " + " | ".join(result.survivors)
    return StaticCheck("mutation kill rate", f">= {BAR:.2f}", got, ok)
