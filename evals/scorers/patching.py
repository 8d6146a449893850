"""Apply a unified diff on the host, in Python, when the result is the one `git apply` gives.

Scoring an answer applies its patch to a fresh copy of the repo. Running `git apply` in the
sandbox costs a contained command (~40-60 ms: a third of what scoring adds to the test run),
and running git on the host on a hostile patch would trust git's parser with model-written
input. This module is the middle road: a small, strict reader of the common case (plain text
edits with exact context at the stated lines, as `git diff` and `diff -u` write them) that
only computes new file contents from the repo's known files; it never touches a file system.

It answers only where `git apply --whitespace=nowarn` (no fuzz, no context reduction) applies
the same patch to the same result: every hunk matches byte for byte at the position its header
states, with git's rules for hunks at the start and end of a file. Anything else (a hunk that
would need an offset, counts that do not add up, renames, modes, binary data, quoted or unusual
paths, text between hunks) returns None and the caller runs `git apply` in the sandbox as
before, so its verdict and its message stay git's. Libraries that apply patches (whatthepatch,
patch-ng) apply with offsets and fuzz, which git does not: their answers would differ.
"""

from __future__ import annotations

import re

_HUNK = re.compile(rb"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(?: .*)?\n\Z", re.S)
_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.\-]*)*\Z")
_INDEX = re.compile(rb"index [0-9a-f]{7,64}\.\.[0-9a-f]{7,64}(?: 100644)?\n\Z")
# text before the first file or after the last (a model's preamble, a closing fence) may not
# start like any line of a patch: git reads some of those as more patch
_STRUCTURE = (b"diff ", b"--- ", b"+++ ", b"@@", b"index ", b"new file", b"deleted file",
              b"old mode", b"new mode", b"rename ", b"copy ", b"similarity", b"dissimilarity",
              b"Binary", b"GIT binary", b"\\", b" ", b"+", b"-", b"\n")
NO_NEWLINE = b"\\ No newline at end of file\n"


class _Decline(Exception):
    """Not the plain case: leave it to git."""


def _path(raw: bytes, prefix: bytes) -> str | None:
    """The path in a ---/+++ line's name (`a/x.py`), None for /dev/null."""
    if raw == b"/dev/null":
        return None
    if not raw.startswith(prefix):
        raise _Decline
    try:
        path = raw[len(prefix):].decode("ascii")
    except UnicodeDecodeError:
        raise _Decline from None
    parts = path.split("/")
    if not _PATH.match(path) or any(p in (".", "..") or p.lower() == ".git" for p in parts):
        raise _Decline
    return path


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def apply_exact(files: dict[str, bytes], patch: bytes) -> dict[str, bytes | None] | None:
    """The files `patch` changes, with their new contents (None: deleted), given the work
    tree's regular files `files` (posix path -> bytes); None where git must decide."""
    try:
        return _apply(files, patch)
    except _Decline:
        return None


def _apply(files: dict[str, bytes], patch: bytes) -> dict[str, bytes | None]:
    lines = _lines(patch)
    n = len(lines)
    i = 0
    # text before the first file (a model's preamble): git skips it
    while i < n and not lines[i].startswith((b"diff --git ", b"--- ")):
        if lines[i].startswith(_STRUCTURE):
            raise _Decline
        i += 1
    out: dict[str, bytes | None] = {}
    dirs = {"/".join(p.split("/")[:k]) for p in files for k in range(1, p.count("/") + 1)}
    while i < n:
        line = lines[i]
        git_header: bytes | None = None
        new_mode = deleted_mode = False
        if line.startswith(b"diff --git "):
            git_header = line
            i += 1
            while i < n and not lines[i].startswith(b"--- "):
                if lines[i] == b"new file mode 100644\n" and not new_mode:
                    new_mode = True
                elif lines[i] == b"deleted file mode 100644\n" and not deleted_mode:
                    deleted_mode = True
                elif not _INDEX.match(lines[i]):
                    raise _Decline  # modes, renames, copies, binary, no ---/+++ at all
                i += 1
        if i + 1 >= n or not lines[i].startswith(b"--- ") or not lines[i + 1].startswith(b"+++ "):
            raise _Decline
        old_name, new_name = lines[i][4:], lines[i + 1][4:]
        if not old_name.endswith(b"\n") or not new_name.endswith(b"\n"):
            raise _Decline
        old_path = _path(old_name[:-1], b"a/")
        new_path = _path(new_name[:-1], b"b/")
        i += 2
        if old_path is None and new_path is None:
            raise _Decline
        if old_path is not None and new_path is not None and old_path != new_path:
            raise _Decline  # a rename
        path = new_path if old_path is None else old_path
        assert path is not None
        creates, deletes = old_path is None, new_path is None
        if git_header is not None and (
                git_header != f"diff --git a/{path} b/{path}\n".encode()
                or new_mode != creates or deleted_mode != deletes):
            raise _Decline
        if path in out:
            raise _Decline  # the same file twice: git applies them in turn
        parts = path.split("/")
        if any("/".join(parts[:k]) in files for k in range(1, len(parts))):
            raise _Decline  # a file where a folder of the path should be
        if creates:
            if path in files or path in dirs:
                raise _Decline  # git says it already exists
            image: list[bytes] = []
        else:
            if path not in files:
                raise _Decline  # git says it does not exist
            image = _lines(files[path])
        i = _hunks(lines, i, image, creates, deletes)
        if deletes:
            if image:
                raise _Decline  # git: the removal patch leaves file contents
            out[path] = None
        else:
            out[path] = b"".join(image)
        # after a file's hunks: the next file, or text to the end that git skips
        if i < n and not lines[i].startswith((b"diff --git ", b"--- ")):
            if any(ln.startswith(_STRUCTURE) for ln in lines[i:]):
                raise _Decline
            break
    if not out:
        raise _Decline  # git: no valid patches in input
    return out


def _hunks(lines: list[bytes], i: int, image: list[bytes], creates: bool, deletes: bool) -> int:
    """Apply the hunks of one file that start at lines[i] to `image` in place; the index of the
    line after them."""
    n = len(lines)
    delta = 0  # lines added minus removed by the hunks so far
    last_end = 0  # where the previous hunk ended in the original
    count = 0
    while i < n and lines[i].startswith(b"@@ "):
        m = _HUNK.match(lines[i])
        if not m:
            raise _Decline
        old_pos, new_pos = int(m[1]), int(m[3])
        old_len = 1 if m[2] is None else int(m[2])
        new_len = 1 if m[4] is None else int(m[4])
        i += 1
        old: list[bytes] = []
        new: list[bytes] = []
        kinds: list[int] = []
        while len(old) < old_len or len(new) < new_len:
            if i >= n:
                raise _Decline  # git: corrupt patch
            ln = lines[i]
            tag, body = ln[:1], ln[1:]
            if not ln.endswith(b"\n"):
                raise _Decline
            if tag == b" ":
                old.append(body)
                new.append(body)
            elif tag == b"-":
                old.append(body)
            elif tag == b"+":
                new.append(body)
            else:
                raise _Decline  # an empty line, a marker mid-hunk, anything else
            kinds.append(tag[0])
            i += 1
            if i < n and lines[i] == NO_NEWLINE:
                # the line before has no newline: in whichever side(s) it belongs to
                if tag in (b" ", b"-"):
                    old[-1] = old[-1][:-1]
                if tag in (b" ", b"+"):
                    new[-1] = new[-1][:-1]
                i += 1
        if len(old) != old_len or len(new) != new_len or (not old and not new):
            raise _Decline
        count += 1
        if old_len and old_pos == 0 or new_len and new_pos == 0:
            raise _Decline
        if creates or deletes:
            # a whole file: one hunk, from nothing or to nothing
            if count > 1 or (creates and (old_pos, old_len, new_pos) != (0, 0, 1)) or (
                    deletes and (old_pos, new_pos, new_len) != (1, 0, 0)):
                raise _Decline
        leading = next((k for k, c in enumerate(kinds) if c != ord(" ")), len(kinds))
        trailing = next((k for k, c in enumerate(reversed(kinds)) if c != ord(" ")), len(kinds))
        start = max(old_pos - 1, 0) if old_len else old_pos  # 0-based line in the original
        if old_len == 0 and not (creates and not image):
            raise _Decline  # a pure insertion without context: git's -U0 rules apply
        if start < last_end or (new_pos - 1 if new_len else new_pos) != start + delta:
            raise _Decline  # out of order, overlapping, or a header git would read otherwise
        at = start + delta  # where it starts in the image as changed so far
        if image[at:at + len(old)] != old:
            raise _Decline  # git would look for it elsewhere (an offset) or fail
        if old_pos <= 1 and start != 0:
            raise _Decline
        if not creates and (leading == 0 and start != 0):
            raise _Decline  # no leading context away from the start: leave it to git
        if not creates and trailing == 0 and at + len(old) != len(image):
            raise _Decline  # git: a hunk with no trailing context must end the file
        image[at:at + len(old)] = new
        delta += len(new) - len(old)
        last_end = start + len(old)
    if count == 0:
        raise _Decline
    return i
