"""The architecture scorer: the answer graded against the task's key (grading.py), the work
tree checked untouched (a question asks for an answer, not a change), and, when a `judge` role
is bound, the prose graded against the rubric beside it. Reads only the sample's metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspect_ai.scorer import Score, Scorer, Target, mean, scorer, stderr
from inspect_ai.solver import TaskState
from inspect_ai.util import SandboxEnvironment, sandbox

from evals.constants import ACCEPTED, CORRECT, DEVIATED, SCOPE_COMPONENTS, TAMPERED
from evals.scorers.scope import Scope, file_changes, is_deviated, scope_components
from evals.scorers.worktree import read_back
from evals.suites.architecture.grading import grade
from evals.suites.architecture.judge import judge_grade, judge_model
from evals.suites.architecture.spec import key_of
from evals.taskspec import is_ignored, work_tree_files

PARSED = "parsed"
# the partial scores of each kind (grading.py), every one a score key (NaN in other kinds' rows)
PARTS = ("choice_right", "weighed", "recall_critical", "recall", "precision", "false_positives",
         "findings", "file_right", "symbol_right", "mechanism_named")
JUDGE_GRADE = "judge_grade"


def untouched(start: dict[str, bytes], current: dict[str, bytes]) -> dict[str, Any]:
    """The scope components of whatever the answer changed in the work tree: with nothing in
    scope, any edit, new file or deleted file counts. Caches (an agent that ran the tests) and
    the harness's files are not the answer's edits."""
    keep = {p: v for p, v in current.items() if not is_ignored(p)}
    changes = file_changes(start, keep)
    return scope_components(changes, Scope(), 0, set(start), None)


async def evaluate(sbx: SandboxEnvironment, meta: dict[str, Any], message: str | None
                   ) -> dict[str, Any]:
    """Grade the answer `message` and read back the work tree in `sbx`."""
    start = work_tree_files(Path(meta["repo_dir"]), meta.get("start_patch"))
    current, unreadable = await read_back(sbx, start)
    components = untouched(start, current)
    g = grade(message or "", key_of(meta["key"]))
    deviated = is_deviated(components, 0.0) or bool(unreadable)
    return {
        CORRECT: int(g.correct),
        DEVIATED: int(deviated),
        ACCEPTED: int(g.correct and not deviated),
        TAMPERED: 0,  # nothing the answer wrote is run or read by the judge: it cannot tamper
        PARSED: int(g.parsed),
        **{k: g.parts.get(k) for k in PARTS},
        "scope": components,
        "reason": g.reason,
        "error": None,
        "unreadable": unreadable,
    }


def _score(result: dict[str, Any], judged: tuple[float | None, str] | None) -> Score:
    # a part another kind has, or a grade no judge gave, is left out rather than None: the
    # report reads it as missing, and inspect's metrics cannot average a None
    value = {k: result[k] for k in (CORRECT, DEVIATED, ACCEPTED, TAMPERED, PARSED, *PARTS)
             if result[k] is not None}
    value.update({k: result["scope"][k] for k in SCOPE_COMPONENTS})
    if judged and judged[0] is not None:
        value[JUDGE_GRADE] = judged[0]
    out = result["scope"]["changed_files"]
    meta = {"scope": result["scope"], "reason": result["reason"]}
    if judged:
        meta["judge_reply"] = judged[1]
    return Score(value=value, answer=None,
                 explanation=f"{result['reason']}; edits: {', '.join(out) if out else 'none'}"
                 + (f"; judge {judged[0]}" if judged else ""),
                 metadata=meta)


@scorer(metrics={CORRECT: [mean(), stderr()], ACCEPTED: [mean(), stderr()], DEVIATED: [mean()],
                 PARSED: [mean()]})
def architecture_scorer() -> Scorer:
    """The keyed grade of one answer, the untouched work tree, and the optional judge's grade
    (docs/design.md section 4.4)."""

    async def score(state: TaskState, target: Target) -> Score:
        message = state.output.completion if state.output else ""
        result = await evaluate(sandbox(), state.metadata, message)
        judged = None
        model = judge_model()
        if model is not None and state.metadata.get("rubric"):
            judged = await judge_grade(model, state.input_text, state.metadata["rubric"],
                                       message)
        return _score(result, judged)

    return score
