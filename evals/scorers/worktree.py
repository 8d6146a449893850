"""The work tree in a sandbox, for every suite that changes code: put a fixture repo in, apply
a patch, read every file back (links as links, never followed; caches and harness files left out).
"""

from __future__ import annotations

import functools
from pathlib import Path

from inspect_ai.util import OutputLimitExceededError, SandboxEnvironment

from evals.sandbox.bwrap import host_side
from evals.scorers.correctness import write_files
from evals.scorers.patching import apply_exact
from evals.scorers.scope import FileChange, code_lines, file_changes, is_test_file
from evals.taskspec import is_bytecode, is_harness, patched_files, repo_files

# base commit for the work tree, so an agent can use git; scoring never trusts it
GIT_SETUP = (
    "git init -q . && git add -A && "
    "git -c commit.gpgsign=false commit -q --no-verify -m 'base' && git tag base"
)
PATCH_IN_SANDBOX = ".tierfit/input.patch"
MAX_FILES = 3000  # files read back from a work tree; past it, a file reads as a marker
LINK = b"\0symlink -> "  # how a link reads in a snapshot: never followed


class WorkTreeUnreadable(RuntimeError):
    """The work tree could not be listed (the answer's doing, e.g. a folder it made unreadable)."""


async def materialize(sbx: SandboxEnvironment, repo_dir: Path, git: bool = True,
                      files: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """Put the untouched repo (or `files`: a work tree that starts otherwise) in the sandbox,
    as inspect does from Sample.files + setup; the files put there.

    Scoring never reads the sandbox's git history, so a patch-only check can skip it.
    """
    files = repo_files(repo_dir) if files is None else files
    await write_files(sbx, files)
    if git:
        res = await sbx.exec(["bash", "-c", GIT_SETUP], timeout=120)
        if not res.success:
            raise RuntimeError(f"could not set up the work tree: {res.stderr.strip()[:200]}")
    return files


async def apply_patch(sbx: SandboxEnvironment, patch: bytes,
                      files: dict[str, bytes] | None = None) -> str | None:
    """Apply a unified diff to the work tree; None, or why it does not apply (one line).

    `files`: the work tree's files when the caller knows them (it has just put them there).
    A plain patch is then applied on the host (`patching.apply_exact`: only where the result is
    the one git gives) and its files written in, with no command in the sandbox; anything else
    goes to `git apply` in the sandbox."""
    changed = None if files is None else apply_exact(files, patch)
    if changed is not None:
        gone = [path for path, data in changed.items() if data is None]
        if gone:
            host = host_side(sbx)
            if host is not None:
                await host.remove_paths(gone)
            else:
                await sbx.exec(["rm", "-f", "--", *gone], timeout=60)
        await write_files(sbx, {p: d for p, d in changed.items() if d is not None})
        return None
    await sbx.write_file(PATCH_IN_SANDBOX, patch)
    # outside a repository git apply works like patch(1), with git's strict checks
    res = await sbx.exec(["git", "apply", "--whitespace=nowarn", PATCH_IN_SANDBOX], timeout=60)
    if res.success:
        return None
    first = (res.stderr.strip().splitlines() or ["git apply failed"])[0]
    return f"patch does not apply: {first}"


async def _list(sbx: SandboxEnvironment) -> list[tuple[str, str, str]]:
    """(kind, path, link target) of every file and link of the work tree: from the host copy
    where the sandbox keeps one (bwrap: one command less per score), else with find."""
    host = host_side(sbx)
    if host is not None:
        try:
            return list(await host.list_work_tree())
        except OSError as ex:
            raise WorkTreeUnreadable(f"the work tree could not be listed: {ex}") from None
    res = await sbx.exec(
        ["find", ".", "-path", "./.git", "-prune", "-o", "(", "-type", "f", "-o", "-type", "l",
         ")", "-printf", "%y %p\\0%l\\0"], timeout=120)
    if not res.success:
        raise WorkTreeUnreadable(f"the work tree could not be listed: "
                                 f"{res.stderr.strip()[:200]}")
    fields = res.stdout.split("\0")
    return [(k, p.removeprefix("./"), fields[i + 1])
            for i in range(0, len(fields) - 1, 2)
            for k, _, p in [fields[i].partition(" ")]]


async def snapshot(sbx: SandboxEnvironment) -> dict[str, bytes]:
    """Every file of the work tree but the harness's own (links recorded as links, never
    followed); caches and bytecode are included: in an answer they are changes."""
    listed = [(k, p, t) for k, p, t in await _list(sbx) if p and not is_harness(p)]
    files = [p for k, p, _ in listed[:MAX_FILES] if k != "l"]
    host = host_side(sbx)  # bwrap: all at once from its host copy
    read = await host.read_files(files) if host is not None else None
    out: dict[str, bytes] = {}
    for kind, path, target in listed:
        if len(out) >= MAX_FILES:
            out[path] = b"\0(not read: too many files)"
        elif kind == "l":
            out[path] = LINK + target.encode()
        else:
            try:
                if read is None:
                    data = await sbx.read_file(path, text=False)
                elif isinstance(got := read[path], Exception):
                    raise got
                else:
                    data = got
                out[path] = data
            except (OutputLimitExceededError, PermissionError, OSError) as ex:
                out[path] = f"\0(unreadable: {type(ex).__name__})".encode()
    return out


async def read_back(sbx: SandboxEnvironment, original: dict[str, bytes]
                    ) -> tuple[dict[str, bytes], list[str]]:
    """The work tree's files, and why the answer counts as tampering if they cannot be read (it
    made its own work tree unreadable: then it is judged as the untouched repo, and tampered)."""
    try:
        return await snapshot(sbx), []
    except WorkTreeUnreadable as ex:
        return dict(original), [str(ex)]


def tampering(changes: list[FileChange], original: dict[str, bytes]) -> list[str]:
    """What in the answer's own files interferes with its judging: bytecode that could stand in
    for its source, or a link where one of the repo's test files was."""
    out = []
    for ch in changes:
        if ch.new is not None and is_bytecode(ch.path):
            out.append(f"ships bytecode ({ch.path})")
        elif (ch.path in original and is_test_file(ch.path) and ch.new is not None
              and ch.new.startswith(LINK)):
            out.append(f"replaced the test file {ch.path} with a link")
    return out


def patch_code_lines(repo_dir: Path, patch: Path) -> int:
    """Lines of code a task's patch adds plus removes, measured as an answer's are."""
    return _code_lines(repo_dir, patch, patch.stat().st_mtime_ns)


@functools.cache
def _code_lines(repo_dir: Path, patch: Path, mtime: int) -> int:
    original = repo_files(repo_dir)
    return sum(code_lines(c) for c in file_changes(original, patched_files(repo_dir, patch)))
