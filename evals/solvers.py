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
from inspect_ai.util import sandbox

from evals.constants import ONESHOT, SolverName
from evals.taskspec import IGNORED_PARTS, repo_files

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

AGENT_SYSTEM = """You are a software engineer working on a ticket in an existing Python code base,
checked out in your current directory (a git repository). Use the tools to read the code, make
exactly the change the ticket asks for, and nothing else. You may run the repo's tests with
`python -m pytest -q`. When the change is complete, call submit() with a one-line summary."""

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


def parse_file_blocks(text: str) -> dict[str, str]:
    """Fenced blocks named by `path=...`, a path as the info string, or a path on the line before."""
    files: dict[str, str] = {}
    for m in _FENCE.finditer(text):
        info, body = m.group(1).strip(), m.group(2)
        name = None
        for tok in info.split():
            cand = tok.split("=", 1)[1] if tok.startswith(("path=", "file=")) else tok
            if _PATHLIKE.match(cand) and ("/" in cand or "." in cand):
                name = cand
        if name is None:
            before = text[: m.start()].rstrip().splitlines()
            if before:
                last = before[-1].strip().strip("#*:` ").removeprefix("File").strip(" :`*")
                if _PATHLIKE.match(last):
                    name = last
        rel = safe_relpath(name) if name else None
        if rel:
            files[rel] = body
    return files


def build_prompt(ticket: str, files: dict[str, bytes], focus: list[str], budget_chars: int) -> tuple[str, list[str]]:
    """The ticket, the focus files first, then others while they fit; a listing of the rest."""
    order = [p for p in focus if p in files]
    focus_dirs = {posixpath.dirname(p) for p in order}
    rest = sorted((p for p in files if p not in order),
                  key=lambda p: (posixpath.dirname(p) not in focus_dirs, "test" in p, p))
    parts = [f"## Ticket\n\n{ticket}\n\n## Files\n"]
    used = len(parts[0])
    shown: list[str] = []
    left_out: list[str] = []
    for p in order + rest:
        try:
            text = files[p].decode("utf-8")
        except UnicodeDecodeError:
            left_out.append(p)
            continue
        block = f"\n```python path={p}\n{text}```\n" if text.endswith("\n") else f"\n```python path={p}\n{text}\n```\n"
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


@solver
def oneshot(context_tokens: int, max_output_tokens: int, chars_per_token: float = 3.0) -> Solver:
    """Repo files in the prompt; the model answers with whole files, which are written back.

    Args:
        context_tokens: the model's context window; the prompt gets what the answer leaves.
        max_output_tokens: the answer budget.
        chars_per_token: how many characters of code one token holds, to fit the prompt.
    """

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        meta = state.metadata
        repo = Path(meta["repo_dir"])
        files = repo_files(repo)
        focus = list(meta.get("focus_files") or [])
        budget = int((context_tokens - max_output_tokens) * chars_per_token) - len(ONESHOT_SYSTEM)
        prompt, left_out = build_prompt(state.input_text, files, focus, budget)
        state.metadata["prompt_files_left_out"] = left_out
        state.messages = [ChatMessageSystem(content=ONESHOT_SYSTEM), ChatMessageUser(content=prompt)]
        state = await generate(state, max_tokens=max_output_tokens)
        written, deleted = [], []
        for path, body in parse_file_blocks(state.output.completion).items():
            try:
                if body.strip() == DELETE:
                    res = await sandbox().exec(["rm", "-f", "--", path], timeout=60)
                    if res.success:
                        deleted.append(path)
                    continue
                await sandbox().write_file(path, body)
                written.append(path)
            except (PermissionError, IsADirectoryError, OSError, TimeoutError):
                continue
        state.metadata["files_written"] = written
        state.metadata["files_deleted"] = deleted
        return state

    return solve


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
        rel = safe_relpath(path)
        if rel is None:
            raise ToolError(f"{path}: give a path inside the repository")
        sbx = sandbox()
        if command == "create":
            await sbx.write_file(rel, content)
            return f"wrote {rel}"
        try:
            text = await sbx.read_file(rel)
        except FileNotFoundError:
            raise ToolError(f"{rel}: no such file") from None
        except (PermissionError, IsADirectoryError, UnicodeDecodeError) as ex:
            raise ToolError(f"{rel}: cannot read ({type(ex).__name__})") from None
        if command == "view":
            return "\n".join(f"{i:5d}  {line}" for i, line in enumerate(text.splitlines(), 1))
        if command == "replace":
            count = text.count(old) if old else 0
            if count != 1:
                raise ToolError(f"`old` occurs {count} times in {rel}; it must occur exactly once")
            await sbx.write_file(rel, text.replace(old, new, 1))
            return f"edited {rel}"
        raise ToolError(f"unknown command {command!r}: use view, create or replace")

    return execute


@solver
def agent(bash_timeout: int = 180) -> Solver:
    """inspect's react agent with bash and edit_file, working inside the sandbox."""
    return as_solver(react(
        prompt=AGENT_SYSTEM,
        tools=[bash(timeout=bash_timeout), edit_file()],
    ))


def solver_for(name: SolverName, options: Any) -> Solver:
    """The solver called `name`, with a suite's options (prompt and answer budgets)."""
    if name == ONESHOT:
        return oneshot(context_tokens=options.context_tokens,
                       max_output_tokens=options.max_output_tokens)
    return agent()
