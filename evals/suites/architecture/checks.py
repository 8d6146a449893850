"""How the architecture suite scores one answer without a model (`score answer=<file>`), and
how `validate` proves a task: its key holds (static checks), its diagnosis is real (the symptom
test fails with the planted bug and passes without it), and every labelled answer gets its
labels."""

from __future__ import annotations

from typing import Any

from inspect_ai.util import SandboxEnvironmentSpec

from evals.sandbox import contained
from evals.scorers.correctness import run_tests
from evals.scorers.scope import changed_line_numbers, changed_symbols, file_changes, text_lines
from evals.scorers.worktree import materialize
from evals.solvers import write_blocks
from evals.suites.architecture.grading import DECISION, DIAGNOSIS, REVIEW, Term, same_symbol
from evals.suites.architecture.scorer import evaluate
from evals.suites.architecture.spec import ArchitectureSpec
from evals.suites.base import Case, StaticCheck
from evals.taskspec import patched_files, repo_files


async def score_answer(spec: ArchitectureSpec, answer: bytes | None,
                       sandbox: SandboxEnvironmentSpec, options: Any,
                       message: str | None = None) -> dict[str, Any]:
    """Grade an answer file (None: no answer at all) as a model's oneshot answer is graded: its
    `path=` blocks are written to a fresh work tree first (they are edits), then the tree is
    read back and the text graded."""
    text = (answer or b"").decode("utf-8", "replace")
    async with contained(sandbox) as sbx:
        await materialize(sbx, spec.repo_dir, git=False, files=spec.start_files())
        await write_blocks(sbx, text, explicit=True)
        result = await evaluate(sbx, spec.sample_metadata(options), text)
    found = result.get("recall_critical")
    return {"task": spec.name, "scored": True, **result,
            "all_critical_found": None if found is None else int(found >= 1.0)}


def cases(spec: ArchitectureSpec) -> list[Case]:
    """No answer is not correct; every labelled answer gets its labels on every repeat (the
    first labelled answer marked correct, the key, is the proof a sandbox judges at all)."""
    out = [Case("no answer", None, {"correct": 0, "deviated": 0, "parsed": 0})]
    keyed = sorted(spec.answers, key=lambda a: (not a.labels.get("correct"), a.path.name))
    for a in keyed:
        out.append(Case(f"answer {a.path.name}", a.path.read_bytes(), dict(a.labels),
                        repeat=True))
    return out


# ---------------------------------------------------------------- static checks

# the labelled answers every task has (issue 15), by the labels that show them
ANSWER_KINDS: dict[str, dict[str, Any]] = {
    "key (correct, untouched)": {"": lambda a: a.get("correct") == 1 and a.get("deviated") == 0},
    "edits the code (deviated)": {"": lambda a: a.get("deviated") == 1},
    "right choice, wrong reasons": {DECISION: lambda a: a.get("correct") == 0
                                    and a.get("choice_right") == 1},
    "half the critical defects": {REVIEW: lambda a: a.get("correct") == 0
                                  and a.get("all_critical_found") == 0},
    "flooded with false positives": {REVIEW: lambda a: a.get("correct") == 0
                                     and a.get("all_critical_found") == 1},
    "right file, wrong symbol": {DIAGNOSIS: lambda a: a.get("correct") == 0
                                 and a.get("file_right") == 1 and a.get("symbol_right") == 0},
}


def answer_coverage(spec: ArchitectureSpec) -> StaticCheck:
    want = {name: test.get(spec.kind) or test.get("") for name, test in ANSWER_KINDS.items()
            if spec.kind in test or "" in test}
    missing = [name for name, has in want.items()
               if not any(has(a.labels) for a in spec.answers)]
    return StaticCheck("labelled answers", ", ".join(want),
                       f"missing: {', '.join(missing)}" if missing else "all", not missing)


def _new_lines(spec: ArchitectureSpec) -> dict[str, set[int]]:
    """Per file, the line numbers (after the patch) that the task's start patch added or
    changed."""
    original = repo_files(spec.repo_dir)
    out: dict[str, set[int]] = {}
    for ch in file_changes(original, spec.start_files()):
        old, new = text_lines(ch.old) or [], text_lines(ch.new) or []
        out[ch.path] = changed_line_numbers(old, new)[1]
    return out


def review_key(spec: ArchitectureSpec, slack: int) -> list[StaticCheck]:
    """Every planted defect (one of its ranges) and harmless change sits on lines the diff adds
    (a finding is matched by those lines), harmless changes apart from defects; at least two
    defects are critical (an answer can find half)."""
    added = _new_lines(spec)

    def on_diff(file: str, ranges: tuple[tuple[int, int], ...]) -> bool:
        return any(set(range(a, b + 1)) & added.get(file, set()) for a, b in ranges)

    off = [f"{d.id} {d.file}:{d.lines[0][0]}" for d in spec.key.defects
           if not on_diff(d.file, d.lines)]
    off += [f"harmless {h.file}:{h.lines[0]}-{h.lines[1]}" for h in spec.harmless
            if not on_diff(h.file, (h.lines,))]
    overlap = [f"{h.file}:{h.lines[0]}" for h in spec.harmless for d in spec.key.defects
               for a, b in d.lines
               if h.file == d.file and h.lines[0] <= b + slack and h.lines[1] >= a - slack]
    critical = sum(d.severity == "critical" for d in spec.key.defects)
    return [StaticCheck("defects on the diff", "every defect and harmless change on added lines",
                        f"off the diff: {', '.join(off)}" if off else "all", not off),
            StaticCheck("harmless apart", "no harmless change within a defect's lines (+slack)",
                        f"overlap: {', '.join(overlap)}" if overlap else "apart", not overlap),
            StaticCheck("critical defects", ">= 2", str(critical), critical >= 2)]


def diagnosis_key(spec: ArchitectureSpec, slack: int) -> list[StaticCheck]:
    """The planted bug changes the keyed definition and nothing else: then the key is the only
    right answer (undoing that one definition fixes the failure)."""
    original = repo_files(spec.repo_dir)
    assert spec.bug_patch is not None
    changes = file_changes(original, patched_files(spec.repo_dir, spec.bug_patch))
    touched = sorted({f"{c.path}::{s}" for c in changes for s in changed_symbols(c)})
    ok = bool(changes) and all(c.path == spec.key.file for c in changes) and all(
        same_symbol(t.split("::", 1)[1], spec.key.symbol)
        or t.split("::", 1)[1].startswith(spec.key.symbol + ".") for t in touched)
    return [StaticCheck("bug in the keyed definition", f"{spec.key.file}::{spec.key.symbol} only",
                        ", ".join(touched) or "no change", ok), given_away(spec)]


def given_away(spec: ArchitectureSpec) -> StaticCheck:
    """No phrasing of a consideration or mechanism is already in the question or the options:
    an answer that restates the question must not name them for free."""
    prompt = "\n".join([spec.question, *(v for _, v in spec.options)])
    terms = (*spec.key.must_weigh, *spec.key.mechanism)
    given = [p for t in terms for p in t.phrasings if Term(t.name, (p,)).named_in(prompt)]
    return StaticCheck("terms not in the question", "no phrasing in the question or options",
                       f"given away: {', '.join(given)}" if given else "none", not given)


def decision_key(spec: ArchitectureSpec, slack: int) -> list[StaticCheck]:
    """The considerations are distinct: no phrasing stands for two of them."""
    seen: dict[str, str] = {}
    dup = []
    for t in spec.key.must_weigh:
        for p in t.phrasings:
            if p.lower() in seen and seen[p.lower()] != t.name:
                dup.append(p)
            seen[p.lower()] = t.name
    return [StaticCheck("considerations", "distinct phrasings",
                        f"shared: {', '.join(dup)}" if dup else f"{len(spec.key.must_weigh)}",
                        not dup), given_away(spec)]


def static_checks(spec: ArchitectureSpec, slack: int) -> list[StaticCheck]:
    """`slack`: the suite's line_slack (a harmless change must sit apart from every defect)."""
    extra = {DECISION: decision_key, REVIEW: review_key, DIAGNOSIS: diagnosis_key}[spec.kind]
    return [answer_coverage(spec), *extra(spec, slack)]


async def symptom_proof(spec: ArchitectureSpec, sandbox: SandboxEnvironmentSpec,
                        options: Any) -> list[StaticCheck]:
    """A diagnosis's symptom test fails on the work tree (the bug applied) and passes on the
    repo without it: the reported failure is real, and the keyed definition causes it."""
    if spec.kind != DIAGNOSIS or spec.symptom_test is None:
        return []
    test = {spec.symptom_test.name: spec.symptom_test.read_bytes()}
    got = []
    for label, files in (("with the bug", spec.start_files()),
                         ("without the bug", repo_files(spec.repo_dir))):
        async with contained(sandbox) as sbx:
            await materialize(sbx, spec.repo_dir, git=False, files=files)
            run = await run_tests(sbx, {}, test, timeout=options.test_timeout)
        if run.error or run.tampered:
            got.append(f"{label}: {run.error or '; '.join(run.tampered)}")
        else:
            got.append(f"{label}: {'passes' if run.correct else 'fails'}")
    ok = got == ["with the bug: fails", "without the bug: passes"]
    return [StaticCheck("symptom test", "fails with the bug, passes without", "; ".join(got), ok)]
