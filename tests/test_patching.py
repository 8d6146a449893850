"""The host-side patch reader (evals/scorers/patching.py) against `git apply` itself.

Every patch the tasks hold, and thousands of damaged copies of them, are applied both ways to
a copy of their repo: wherever the reader answers, git must have applied the patch to the same
files. The damaged copies are what a model's patch gets wrong (moved hunks, wrong counts, a
changed context line, a lost newline, text around the diff, CRLF, missing prefixes). All of it
is the project's own task data, applied to temporary copies: nothing here is hostile.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import evals._registry  # noqa: F401
from evals.scorers.patching import apply_exact
from evals.suites import get
from evals.taskspec import load_suite, repo_files, work_tree_files


def _corpus() -> list[tuple[str, Path, str | None, bytes]]:
    out = []
    for suite in ("tickets", "refactors", "test_writing", "architecture"):
        for spec in load_suite(get(suite)):
            start = getattr(spec, "start_patch", None)
            patches = [getattr(spec, "reference", None), *(d.path for d in
                                                          getattr(spec, "decoys", ()))]
            if start:
                out.append((f"{spec.name}:start", spec.repo_dir, None, Path(start).read_bytes()))
            for p in patches:
                if p is not None and p.read_bytes().strip():
                    out.append((f"{spec.name}:{p.name}", spec.repo_dir,
                                str(start) if start else None, p.read_bytes()))
    return out


CORPUS = _corpus()


def _git(repo_dir: Path, start: str | None, patch: bytes, tmp: Path) -> dict[str, bytes] | None:
    work = tmp / "w"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(repo_dir, work, ignore=shutil.ignore_patterns("__pycache__", ".git"))
    if start:
        subprocess.run(["git", "apply", "--whitespace=nowarn", start], cwd=work, check=True,
                       capture_output=True)
    (tmp / "p.patch").write_bytes(patch)
    r = subprocess.run(["git", "apply", "--whitespace=nowarn", str(tmp / "p.patch")], cwd=work,
                       capture_output=True)
    return repo_files(work) if r.returncode == 0 else None


def _fast(files: dict[str, bytes], patch: bytes) -> dict[str, bytes] | None:
    changed = apply_exact(files, patch)
    if changed is None:
        return None
    out = dict(files)
    for path, data in changed.items():
        if data is None:
            out.pop(path)
        else:
            out[path] = data
    return out


def _damage(patch: bytes, rng: random.Random) -> tuple[str, bytes]:
    lines = patch.splitlines(keepends=True)
    hunks = [i for i, ln in enumerate(lines) if ln.startswith(b"@@ ")]
    body = [i for i, ln in enumerate(lines) if ln[:1] in (b" ", b"-", b"+")
            and not ln.startswith((b"--- ", b"+++ "))]
    kind = rng.choice(["shift", "count", "context", "newline", "around", "crlf", "prefix",
                       "drop", "plain", "twice", "blank", "nonl", "newpos"])
    if kind == "shift" and hunks:
        i = rng.choice(hunks)
        by = rng.choice([-3, -1, 1, 2, 5])
        lines[i] = re.sub(rb"-(\d+)", lambda m: b"-%d" % max(0, int(m[1]) + by), lines[i], count=1)
        lines[i] = re.sub(rb"\+(\d+)", lambda m: b"+%d" % max(0, int(m[1]) + by), lines[i],
                          count=1)
    elif kind == "newpos" and hunks:
        i = rng.choice(hunks)
        lines[i] = re.sub(rb"\+(\d+)", lambda m: b"+%d" % (int(m[1]) + 1), lines[i], count=1)
    elif kind == "count" and hunks:
        i = rng.choice(hunks)
        lines[i] = re.sub(rb",(\d+) @@", lambda m: b",%d @@" % (int(m[1]) + rng.choice([-1, 1])),
                          lines[i], count=1)
    elif kind == "context" and body:
        i = rng.choice(body)
        lines[i] = lines[i][:1] + b"x" + lines[i][1:]
    elif kind == "newline" and body:
        i = rng.choice(body)
        lines[i] = lines[i].rstrip(b"\n")
        lines.insert(i + 1, b"\\ No newline at end of file\n")
    elif kind == "around":
        lines = [b"Here is the change:\n", *lines, b"Done.\n"]
    elif kind == "crlf" and body:
        i = rng.choice(body)
        lines[i] = lines[i].rstrip(b"\n") + b"\r\n"
    elif kind == "prefix":
        lines = [re.sub(rb"^(---|\+\+\+) [ab]/", rb"\1 ", ln) for ln in lines]
    elif kind == "drop" and body:
        del lines[rng.choice(body)]
    elif kind == "plain":
        lines = [ln for ln in lines if not ln.startswith((b"diff --git", b"index "))]
    elif kind == "twice":
        lines = lines + lines
    elif kind == "blank" and body:
        i = rng.choice(body)
        if lines[i] == b" \n":
            lines[i] = b"\n"
        else:
            lines.insert(i, b"\n")
    elif kind == "nonl" and lines:
        lines[-1] = lines[-1].rstrip(b"\n")
    return kind, b"".join(lines)


def test_every_task_patch_is_read_as_git_applies_it(tmp_path: Path) -> None:
    assert len(CORPUS) > 300
    read = 0
    for name, repo_dir, start, patch in CORPUS:
        files = work_tree_files(repo_dir, start)
        fast = _fast(files, patch)
        if fast is None:
            continue
        read += 1
        assert fast == _git(repo_dir, start, patch, tmp_path), name
    # the task data is what `git diff` writes: the reader must take nearly all of it, or it
    # saves nothing
    assert read >= 0.95 * len(CORPUS), (read, len(CORPUS))


@pytest.mark.parametrize("seed", range(4))
def test_damaged_patches_are_left_to_git_or_read_as_git_reads_them(tmp_path: Path,
                                                                  seed: int) -> None:
    rng = random.Random(seed)
    answered = declined = 0
    for _ in range(150):
        name, repo_dir, start, patch = rng.choice(CORPUS)
        kind, damaged = _damage(patch, rng)
        files = work_tree_files(repo_dir, start)
        fast = _fast(files, damaged)
        if fast is None:
            declined += 1
            continue
        answered += 1
        assert fast == _git(repo_dir, start, damaged, tmp_path), (name, kind, damaged[:600])
    assert answered and declined  # both paths are exercised


def test_the_reader_declines_what_it_does_not_know() -> None:
    files = {"pkg/a.py": b"one\ntwo\nthree\n", "pkg/b.py": b"x\n"}
    edit = (b"--- a/pkg/a.py\n+++ b/pkg/a.py\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n")
    assert apply_exact(files, edit) == {"pkg/a.py": b"one\nTWO\nthree\n"}
    for bad in (
        edit.replace(b"a/pkg/a.py", b"a/../a.py").replace(b"b/pkg/a.py", b"b/../a.py"),
        edit.replace(b"pkg/a.py", b".git/config"),
        edit.replace(b"a/pkg/a.py\n+++ b/pkg/a.py", b"a/pkg/a.py\n+++ b/pkg/c.py"),  # rename
        b"diff --git a/pkg/a.py b/pkg/a.py\nold mode 100644\nnew mode 100755\n" + edit,
        edit.replace(b"-1,3 +1,3", b"-2,3 +2,3"),  # needs an offset
        edit.replace(b" three\n", b" three"),  # a line without its newline, unmarked
        b"--- /dev/null\n+++ b/pkg/a.py\n@@ -0,0 +1 @@\n+new\n",  # the file exists
        b"--- /dev/null\n+++ b/pkg/a.py/x.py\n@@ -0,0 +1 @@\n+new\n",  # a file on the path
        b"--- a/pkg/b.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-y\n",  # not the file's content
        b"GIT binary patch\n",
        b"no patch at all\n",
        edit + edit,  # the same file twice: git applies them in turn
    ):
        assert apply_exact(files, bad) is None, bad
    created = apply_exact(files, b"--- /dev/null\n+++ b/pkg/new.py\n@@ -0,0 +1,2 @@\n+a\n+b\n"
                                 b"\\ No newline at end of file\n")
    assert created == {"pkg/new.py": b"a\nb"}
    assert apply_exact(files, b"--- a/pkg/b.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n") == {
        "pkg/b.py": None}
