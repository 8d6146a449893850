"""The tickets scorer: correctness + scope + cost in one Score, shared by `run` and `score`.

`evaluate()` works on any inspect sandbox holding the work tree, so `python -m evals score`
(a patch, no model) and a model's sample go through exactly the same checks.
"""

from __future__ import annotations

from typing import Any

from inspect_ai.scorer import Score, Target, mean, scorer, stderr
from inspect_ai.solver import TaskState
from inspect_ai.util import OutputLimitExceededError, SandboxEnvironment, sandbox

from evals.scorers.correctness import run_tests
from evals.scorers.cost import (
    current_sample_usage,
    priced_calls_cost,
    sample_model_events,
    usage_summary,
)
from evals.scorers.scope import file_changes, is_deviated, scope_components
from evals.taskspec import IGNORED_PARTS, TaskSpec, is_test_file, repo_files

# base commit for the work tree, so an agent can use git; scoring never trusts it
SETUP = (
    "git init -q . && git add -A && "
    "git -c commit.gpgsign=false commit -q --no-verify -m 'base' && git tag base"
)
MAX_FILES = 3000


async def materialize(sbx: SandboxEnvironment, spec: TaskSpec, git: bool = True) -> None:
    """Put the untouched repo in the sandbox, as inspect does from Sample.files + setup.

    Scoring never reads the sandbox's git history, so a patch-only check can skip it.
    """
    for path, data in repo_files(spec.repo_dir).items():
        await sbx.write_file(path, data)
    if not git:
        return
    res = await sbx.exec(["bash", "-c", SETUP], timeout=120)
    if not res.success:
        raise RuntimeError(f"could not set up the work tree: {res.stderr.strip()[:200]}")


def _ignored(path: str) -> bool:
    parts = path.split("/")
    return bool(set(parts) & IGNORED_PARTS) or path.endswith(".pyc")


async def snapshot(sbx: SandboxEnvironment) -> dict[str, bytes]:
    """Every file of the work tree (links recorded as links, never followed)."""
    res = await sbx.exec(
        ["find", ".", "-path", "./.git", "-prune", "-o", "(", "-type", "f", "-o", "-type", "l",
         ")", "-printf", "%y %p\\0%l\\0"], timeout=120)
    if not res.success:
        raise RuntimeError(f"cannot list the work tree: {res.stderr.strip()[:200]}")
    fields = res.stdout.split("\0")
    out: dict[str, bytes] = {}
    for i in range(0, len(fields) - 1, 2):
        kind, _, path = fields[i].partition(" ")
        path = path.removeprefix("./")
        if not path or _ignored(path):
            continue
        if len(out) >= MAX_FILES:
            out[path] = b"\0(not read: too many files)"
        elif kind == "l":
            out[path] = b"\0symlink -> " + fields[i + 1].encode()
        else:
            try:
                out[path] = await sbx.read_file(path, text=False)
            except (OutputLimitExceededError, PermissionError, OSError) as ex:
                out[path] = f"\0(unreadable: {type(ex).__name__})".encode()
    return out


async def evaluate(
    sbx: SandboxEnvironment,
    spec: TaskSpec,
    final_message: str | None = None,
    excess_bar: float = 1.0,
    test_timeout: int = 300,
) -> dict[str, Any]:
    """Score the work tree in `sbx` against the task: correctness, scope, and why."""
    original = repo_files(spec.repo_dir)
    current = await snapshot(sbx)
    changes = file_changes(original, current)
    components = scope_components(
        changes, spec.scope, spec.reference_changed_lines(), set(original), final_message
    )
    deviated = is_deviated(components, excess_bar)
    visible = {p: d for p, d in original.items() if is_test_file(p) and p.endswith(".py")}
    hidden = {p.name: p.read_bytes() for p in spec.hidden_tests}
    run = await run_tests(sbx, visible, hidden, timeout=test_timeout)
    return {
        "correct": int(run.correct),
        "deviated": int(deviated),
        "accepted": int(run.correct and not deviated),
        "tests_passed": run.tests_passed,
        "tests_total": run.tests_total,
        "scope": components,
        "failed_tests": run.failed[:50],
        "error": run.error,
    }


NUMERIC_SCOPE = ("files_out_of_scope", "symbols_out_of_scope", "new_files_out_of_scope",
                 "deps_changed", "tests_modified", "excess_edit", "proposes_alternatives")


# cost is left out of the metrics: an unknown price is None, and the report sums cost itself
@scorer(metrics={"correct": [mean(), stderr()], "accepted": [mean(), stderr()],
                 "deviated": [mean()]})
def ticket_scorer(specs: dict[str, TaskSpec], excess_bar: float = 1.0, test_timeout: int = 300):
    """Hidden + visible tests, scope components and cost of one sample (DESIGN.md §5)."""

    async def score(state: TaskState, target: Target) -> Score:
        spec = specs[str(state.sample_id)]
        message = state.output.completion if state.output else None
        result = await evaluate(sandbox(), spec, message, excess_bar, test_timeout)
        usage = usage_summary(current_sample_usage())
        per_call = priced_calls_cost(sample_model_events())
        if per_call is not None:
            usage["inspect_cost_usd"] = usage["cost_usd"]
            usage["cost_usd"] = round(per_call, 8)
        value: dict[str, Any] = {
            "correct": result["correct"],
            "deviated": result["deviated"],
            "accepted": result["accepted"],
            "cost_usd": usage["cost_usd"],  # None when a call's price is unknown
            "tests_passed": result["tests_passed"],
            "tests_total": result["tests_total"],
            **{k: result["scope"][k] for k in NUMERIC_SCOPE},
        }
        why = result["error"] or (
            "all tests pass" if result["correct"] else f"failing: {', '.join(result['failed_tests'][:5])}"
        )
        out = result["scope"]["out_of_scope"]
        explanation = f"{why}; out of scope: {', '.join(out) if out else 'nothing'}"
        return Score(
            value=value,
            explanation=explanation,
            metadata={"scope": result["scope"], "error": result["error"],
                      "failed_tests": result["failed_tests"], "usage": usage},
        )

    return score
