"""Workflows of two models (docs/design.md section 9), as inspect solvers over model roles.

- `plan_execute`: the `planner` role (a reasoning-tier model) reads the request and the repo
  and writes a plan, a scoped ticket; the task's own model (the executor, an execution-tier
  model) implements the plan and sees only it. Only the executor's change is scored.
- `escalate`: the executor answers; the repo's visible tests then run in the sample's sandbox
  (the hidden tests are not there: the scorer brings them later, to a work tree no model
  touches again). When they do not pass, the `reasoner` role gets the request, the failure and
  the work tree as the executor left it, and its change is the one scored.

Each step runs in a transcript span named for it, and every model call carries its role, so a
log shows which model made which call and why; the cost scorer prices each role apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspect_ai.model import ChatMessageSystem, ChatMessageUser, GenerateConfig, Model, get_model
from inspect_ai.scorer import Score, Scorer, Target, scorer
from inspect_ai.solver import Generate, Solver, TaskState, solver
from inspect_ai.util import sandbox, span

from evals.constants import AGENT, ESCALATE, PLAN_EXECUTE, PLANNER, REASONER
from evals.solvers import (
    ASKED,
    CHARS_PER_TOKEN,
    agent_with,
    answer_in_one_message,
    build_prompt,
    request_of,
    solver_for,
)
from evals.taskspec import mentioned_files, work_tree_files

PLAN_SYSTEM = """You are the tech lead of an existing Python code base. A colleague sent you the
request below. Do not write the code: write the ticket an engineer will implement, who will see
only your ticket and the code. The ticket says:
- which files and which functions, classes or methods to change or add (with signatures);
- the behaviour, as precise acceptance criteria (edge cases, errors, what is returned);
- what is out of scope: what must not change.
Answer with the ticket only."""

HANDOVER = """{request}

## A first attempt
An engineer already worked on this request: the work tree holds their change as they left it.
After it, the repository's own tests do not pass:

```
{failure}
```

Take over: finish the request so that it is done right, in the work tree as it is now."""

# the tail of a failing run shown to the reasoning model (pytest puts its summary last)
FAILURE_CHARS = 4000
VISIBLE_TESTS = ["python", "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider"]


def _role_model(role: str) -> Model:
    return get_model(role=role, required=True)


async def _model_call(model: Model, state: TaskState, max_tokens: int) -> TaskState:
    """A oneshot turn's call made by a role's model: the answer becomes the sample's output."""
    output = await model.generate(state.messages, config=GenerateConfig(max_tokens=max_tokens))
    state.output = output
    state.messages.append(output.message)
    return state


@solver
def plan_execute(solver_name: str, options: Any) -> Solver:
    """The planner writes a plan from the request; the executor implements the plan.

    Args:
        solver_name: how the executor works (oneshot or agent).
        options: the suite's options (prompt and answer budgets).
    """
    executor = solver_for(solver_name, options)  # type: ignore[arg-type]

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        planner = _role_model(PLANNER)
        request = request_of(state)
        async with span("plan", type="workflow"):
            files = work_tree_files(Path(state.metadata["repo_dir"]),
                                    state.metadata.get("start_patch"))
            budget = int((options.context_tokens - options.max_output_tokens) * CHARS_PER_TOKEN) \
                - len(PLAN_SYSTEM)
            prompt, _ = build_prompt(request, files, list(state.metadata.get("focus_files") or []),
                                     budget, heading="Request")
            out = await planner.generate(
                [ChatMessageSystem(content=PLAN_SYSTEM), ChatMessageUser(content=prompt)],
                config=GenerateConfig(max_tokens=options.max_output_tokens))
        plan = out.completion.strip() or "(the planner wrote no plan)"
        state.metadata["plan"] = plan
        state.metadata[ASKED] = plan
        named = mentioned_files(plan, files)
        if named:
            state.metadata["focus_files"] = named
        state.messages = [ChatMessageUser(content=plan)]
        async with span("execute", type="workflow"):
            return await executor(state, generate)

    return solve


async def visible_tests(timeout: int) -> tuple[bool, str]:
    """The repo's own tests in the sample's sandbox: whether they pass, and the output's tail.
    A run past `timeout` did not pass."""
    try:
        res = await sandbox().exec(VISIBLE_TESTS, timeout=timeout,
                                   env={"PYTHONDONTWRITEBYTECODE": "1"})
    except TimeoutError:
        return False, f"the tests did not finish within {timeout} s"
    text = (res.stdout or "") + (res.stderr or "")
    return res.success, text[-FAILURE_CHARS:]


async def _current_files(state: TaskState) -> dict[str, bytes | None]:
    """The files the executor's one-message answer wrote (as they are now) or deleted."""
    sbx = sandbox()
    current: dict[str, bytes | None] = {p: None for p in state.metadata.get("files_deleted", [])}
    for path in state.metadata.get("files_written", []):
        try:
            current[path] = (await sbx.read_file(path, text=False))
        except (FileNotFoundError, IsADirectoryError, PermissionError):
            current[path] = None
    return current


@solver
def escalate(solver_name: str, options: Any) -> Solver:
    """The executor answers; when the visible tests then fail, the reasoner takes over.

    Args:
        solver_name: how both models work (oneshot or agent).
        options: the suite's options (budgets, and `test_timeout` for the visible tests).
    """
    executor = solver_for(solver_name, options)  # type: ignore[arg-type]

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        request = request_of(state)
        async with span("execute", type="workflow"):
            state = await executor(state, generate)
        async with span("visible tests", type="workflow"):
            passed, output = await visible_tests(int(options.test_timeout))
        state.metadata["visible_tests_passed"] = passed
        state.metadata["escalated"] = not passed
        if passed:
            return state
        reasoner = _role_model(REASONER)
        state.metadata[ASKED] = HANDOVER.format(request=request, failure=output.strip())
        async with span("escalate", type="workflow"):
            if solver_name == AGENT:
                state.messages = [ChatMessageUser(content=state.metadata[ASKED])]
                return await agent_with(reasoner)(state, generate)

            async def call(state: TaskState, max_tokens: int) -> TaskState:
                return await _model_call(reasoner, state, max_tokens)

            return await answer_in_one_message(state, call, options.context_tokens,
                                               options.max_output_tokens,
                                               current=await _current_files(state))

    return solve


def workflow_solver(workflow: str, solver_name: str, options: Any) -> Solver:
    """The solver of a workflow (solo: the solver itself)."""
    if workflow == PLAN_EXECUTE:
        return plan_execute(solver_name, options)
    if workflow == ESCALATE:
        return escalate(solver_name, options)
    return solver_for(solver_name, options)  # type: ignore[arg-type]


@scorer(metrics=[])
def workflow_record() -> Scorer:
    """What a workflow did, as numbers the report reads: whether it escalated, how long the
    plan was. No metric: the report aggregates."""

    async def score(state: TaskState, target: Target) -> Score:
        meta = state.metadata
        value: dict[str, float] = {}
        if "escalated" in meta:
            value["escalated"] = int(bool(meta["escalated"]))
        if "plan" in meta:
            value["plan_chars"] = len(str(meta["plan"]))
        return Score(value=value or {"workflow_steps": 0},
                     metadata={k: meta[k] for k in ("plan", "visible_tests_passed") if k in meta})

    return score
