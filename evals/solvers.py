"""Solvers: `oneshot` (files in the prompt, whole files back) and `agent` (react + bash + edit_file).

Both work only through the sample's sandbox; nothing a model writes touches the host.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from inspect_ai.agent import as_solver, react
from inspect_ai.model import ChatMessageSystem, ChatMessageUser
from inspect_ai.solver import Generate, Solver, TaskState, solver
from inspect_ai.tool import Tool, ToolError, bash, tool
from inspect_ai.util import SandboxEnvironment, sandbox

from evals.constants import ONESHOT, SolverName
from evals.taskspec import IGNORED_PARTS, work_tree_files

ONESHOT_SYSTEM = """You are a software engineer working on a ticket in an existing Python code base.
Make exactly the change the ticket asks for, and nothing else.
Answer with the complete new content of every file you change or create, each in its own fenced
code block whose opening line names the file, like this:

```python path=pkg/module.py
<the whole file>
```

Files you do not include are left unchanged. Do not include files you did not change.
To delete a file, give its block with nothing in it but the line DELETE."""
DELETE = "DELETE"  # the whole body of a oneshot block that deletes its file

# a question about the code (the architecture suite): an answer, not a change
QUESTION_SYSTEM = """You are a senior software engineer asked a question about an existing Python
code base. Read the code, reason about it, and answer the question: do not change any file.
The files are shown with line numbers; cite them as they are shown. Quote code only in plain
fenced blocks: a block whose opening line says path=... would be written to that file."""

AGENT_SYSTEM = """You are a software engineer working on a ticket in an existing Python code base,
checked out in your current directory (a git repository). Use the tools to read the code, make
exactly the change the ticket asks for, and nothing else. You may run the repo's tests with
`python -m pytest -q`. When the change is complete, call submit() with a one-line summary."""

AGENT_QUESTION_SYSTEM = """You are a senior software engineer asked a question about an existing
Python code base, checked out in your current directory. Explore it with the tools (read it,
search it, run its tests with `python -m pytest -q`), but do not change any file: you are asked
for an answer, not a change. When you are done, call submit() with your whole answer, in the
format the question asks for (the JSON block included)."""

_FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)
_PATHLIKE = re.compile(r"^[\w.\-/]+\.[A-Za-z0-9]+$")


def safe_relpath(path: str) -> str | None:
    """A clean relative path inside the work tree, or None for anything else."""
    path = path.strip().strip("`'\"").removeprefix("./")
    if not path or path.startswith("/") or "\\" in path or "\0" in path:
        return None
    norm = posixpath.normpath(path)
    if norm.startswith("..") or set(norm.split("/")) & IGNORED_PARTS:
        return None
    return norm


def parse_file_blocks(text: str, explicit: bool = False) -> dict[str, str]:
    """Fenced blocks named by `path=...`, a path as the info string, or a path on the line before
    (`explicit`: only blocks whose opening line says `path=...`, so quoted code is not a file)."""
    files: dict[str, str] = {}
    for m in _FENCE.finditer(text):
        info, body = m.group(1).strip(), m.group(2)
        name = None
        for tok in info.split():
            if explicit and not tok.startswith("path="):
                continue
            cand = tok.split("=", 1)[1] if tok.startswith(("path=", "file=")) else tok
            if _PATHLIKE.match(cand) and ("/" in cand or "." in cand):
                name = cand
        if name is None and not explicit:
            before = text[: m.start()].rstrip().splitlines()
            if before:
                last = before[-1].strip().strip("#*:` ").removeprefix("File").strip(" :`*")
                if _PATHLIKE.match(last):
                    name = last
        rel = safe_relpath(name) if name else None
        if rel:
            files[rel] = body
    return files


def _shown(path: str, text: str, numbered: bool) -> str:
    """A file as the prompt shows it: a named block to copy and edit, or numbered lines to cite
    (a heading names it: the block is not one an answer could write back by copying it)."""
    if not numbered:
        return f"\n```python path={path}\n{text}```\n" if text.endswith("\n") else \
            f"\n```python path={path}\n{text}\n```\n"
    body = "".join(f"{i:4d}| {line}\n" for i, line in enumerate(text.splitlines(), 1))
    return f"\n#### {path}\n```\n{body}```\n"


def build_prompt(ticket: str, files: dict[str, bytes], focus: list[str], budget_chars: int,
                 heading: str = "Ticket", numbered: bool = False) -> tuple[str, list[str]]:
    """The ticket, the focus files first, then others while they fit; a listing of the rest."""
    order = [p for p in focus if p in files]
    focus_dirs = {posixpath.dirname(p) for p in order}
    rest = sorted((p for p in files if p not in order),
                  key=lambda p: (posixpath.dirname(p) not in focus_dirs, "test" in p, p))
    parts = [f"## {heading}\n\n{ticket}\n\n## Files\n"]
    used = len(parts[0])
    shown: list[str] = []
    left_out: list[str] = []
    for p in order + rest:
        try:
            text = files[p].decode("utf-8")
        except UnicodeDecodeError:
            left_out.append(p)
            continue
        block = _shown(p, text, numbered)
        if used + len(block) > budget_chars:
            left_out.append(p)
            continue
        parts.append(block)
        used += len(block)
        shown.append(p)
    if left_out:
        parts.append("\n## Other files in the repository (not shown, to fit the context window)\n"
                     + "\n".join(f"- {p}" for p in left_out) + "\n")
    return "".join(parts), left_out


async def write_blocks(sbx: SandboxEnvironment, answer: str, explicit: bool = False
                       ) -> tuple[list[str], list[str]]:
    """Write an answer's file blocks to the work tree in `sbx` (a block holding only DELETE
    deletes its file); the paths written and deleted. A path the answer cannot write is
    skipped (`explicit`: as `parse_file_blocks`)."""
    written, deleted = [], []
    for path, body in parse_file_blocks(answer, explicit=explicit).items():
        try:
            if body.strip() == DELETE:
                res = await sbx.exec(["rm", "-f", "--", path], timeout=60)
                if res.success:
                    deleted.append(path)
                continue
            await sbx.write_file(path, body)
            written.append(path)
        except (PermissionError, IsADirectoryError, OSError, TimeoutError):
            continue
    return written, deleted


# the request a workflow hands the solver in place of the sample's own (a planner's plan, an
# escalation's hand-over), and the files a prompt shows as they are now in the work tree
ASKED = "asked"
# how many characters of code one token holds, to fit a prompt to a context window
CHARS_PER_TOKEN = 3.0


def request_of(state: TaskState) -> str:
    """What the model is asked: the sample's text, or what a workflow put in its place."""
    return str(state.metadata.get(ASKED) or state.input_text)


async def answer_in_one_message(state: TaskState, call: Any, context_tokens: int,
                                max_output_tokens: int,
                                chars_per_token: float = CHARS_PER_TOKEN,
                                question: bool = False,
                                current: dict[str, bytes | None] | None = None) -> TaskState:
    """One oneshot turn: the request and the repo's files in the prompt, the answer's file
    blocks written back. `call(state, max_tokens)` makes the model call (the task's model or a
    workflow's role); `current`: files as the work tree now holds them (None: deleted)."""
    system = QUESTION_SYSTEM if question else ONESHOT_SYSTEM
    meta = state.metadata
    files = work_tree_files(Path(meta["repo_dir"]), meta.get("start_patch"))
    for path, data in (current or {}).items():
        if data is None:
            files.pop(path, None)
        else:
            files[path] = data
    focus = list(meta.get("focus_files") or [])
    budget = int((context_tokens - max_output_tokens) * chars_per_token) - len(system)
    prompt, left_out = build_prompt(request_of(state), files, focus, budget,
                                    heading="Question" if question else "Ticket",
                                    numbered=question)
    state.metadata["prompt_files_left_out"] = left_out
    state.messages = [ChatMessageSystem(content=system), ChatMessageUser(content=prompt)]
    state = await call(state, max_output_tokens)
    written, deleted = await write_blocks(sandbox(), state.output.completion, question)
    state.metadata["files_written"] = sorted({*state.metadata.get("files_written", []),
                                              *written})
    state.metadata["files_deleted"] = sorted({*state.metadata.get("files_deleted", []),
                                              *deleted} - set(written))
    return state


@solver
def oneshot(context_tokens: int, max_output_tokens: int,
            chars_per_token: float = CHARS_PER_TOKEN, question: bool = False) -> Solver:
    """Repo files in the prompt; the model answers with whole files, which are written back.

    Args:
        context_tokens: the model's context window; the prompt gets what the answer leaves.
        max_output_tokens: the answer budget.
        chars_per_token: how many characters of code one token holds, to fit the prompt.
        question: the sample asks a question (architecture): files shown with line numbers to
            cite, and only blocks that say `path=...` are written back (they are edits).
    """

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        async def call(state: TaskState, max_tokens: int) -> TaskState:
            return await generate(state, max_tokens=max_tokens)

        return await answer_in_one_message(state, call, context_tokens, max_output_tokens,
                                           chars_per_token, question)

    return solve


async def _read(path: str) -> tuple[str, str]:
    """A repository file's path and text as the file tools read it; ToolError if they cannot."""
    rel = safe_relpath(path)
    if rel is None:
        raise ToolError(f"{path}: give a path inside the repository")
    try:
        return rel, await sandbox().read_file(rel)
    except FileNotFoundError:
        raise ToolError(f"{rel}: no such file") from None
    except (PermissionError, IsADirectoryError, UnicodeDecodeError) as ex:
        raise ToolError(f"{rel}: cannot read ({type(ex).__name__})") from None


def _numbered(text: str) -> str:
    return "\n".join(f"{i:5d}  {line}" for i, line in enumerate(text.splitlines(), 1))


@tool
def edit_file() -> Tool:
    async def execute(command: str, path: str, content: str = "", old: str = "",
                      new: str = "") -> str:
        """Read or edit a file in the repository.

        Args:
            command: "view" (show the file with line numbers), "create" (write `content` as the
                whole file), or "replace" (replace the one occurrence of `old` with `new`).
            path: file path relative to the repository root.
            content: the whole file, for "create".
            old: exact text to replace, for "replace"; must occur exactly once.
            new: replacement text, for "replace".
        """
        if command == "create":
            rel = safe_relpath(path)
            if rel is None:
                raise ToolError(f"{path}: give a path inside the repository")
            await sandbox().write_file(rel, content)
            return f"wrote {rel}"
        rel, text = await _read(path)
        if command == "view":
            return _numbered(text)
        if command == "replace":
            count = text.count(old) if old else 0
            if count != 1:
                raise ToolError(f"`old` occurs {count} times in {rel}; it must occur exactly once")
            await sandbox().write_file(rel, text.replace(old, new, 1))
            return f"edited {rel}"
        raise ToolError(f"unknown command {command!r}: use view, create or replace")

    return execute


@tool
def view_file() -> Tool:
    async def execute(path: str) -> str:
        """Show a file of the repository with line numbers.

        Args:
            path: file path relative to the repository root.
        """
        return _numbered((await _read(path))[1])

    return execute


@solver
def agent(bash_timeout: int = 180, question: bool = False) -> Solver:
    """inspect's react agent with bash and edit_file, working inside the sandbox; for a
    question (architecture), bash and a file viewer, and its whole answer submitted."""
    if question:
        return as_solver(react(prompt=AGENT_QUESTION_SYSTEM,
                               tools=[bash(timeout=bash_timeout), view_file()]))
    return as_solver(react(
        prompt=AGENT_SYSTEM,
        tools=[bash(timeout=bash_timeout), edit_file()],
    ))


def agent_with(model: Any, bash_timeout: int = 180) -> Solver:
    """The change agent driven by `model` (a workflow's role) instead of the task's model."""
    return as_solver(react(prompt=AGENT_SYSTEM, tools=[bash(timeout=bash_timeout), edit_file()],
                           model=model))


def solver_for(name: SolverName, options: Any, question: bool = False) -> Solver:
    """The solver called `name`, with a suite's options (prompt and answer budgets);
    `question`: the suite asks questions rather than for changes (architecture)."""
    if name == ONESHOT:
        return oneshot(context_tokens=options.context_tokens,
                       max_output_tokens=options.max_output_tokens, question=question)
    return agent(question=question)
