"""`api_changed` (evals/scorers/api.py): the public API before and after a change, read statically
with griffe, minus what the task allows. Trees are dicts of path -> bytes, as the scorer has them;
nothing in them is ever imported (one test proves it with code that would leave a mark)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.errors import TaskError
from evals.scorers.api import api_changes, packages
from evals.scorers.scope import Scope, file_changes, load_scope, scope_components
from evals.taskspec import repo_files

PROJECT = Path(__file__).resolve().parent.parent
TEXTKIT = repo_files(PROJECT / "tasks" / "_repos" / "textkit")

LIB = {
    "lib/__init__.py": b'"""A tiny library."""\nfrom lib.core import Engine, run\n'
                       b'__all__ = ["Engine", "run"]\n',
    "lib/core.py": b'''"""Core."""


def run(job, retries=3, *, verbose=False):
    return job


def _helper(x):
    return x


class Engine:
    def __init__(self, name, size=1):
        self.name = name

    def start(self, when=None):
        return when

    def _private(self, a):
        return a
''',
    "tests/test_core.py": b"def test_x():\n    assert True\n",
}


def edit(tree: dict[str, bytes], path: str, old: str, new: str) -> dict[str, bytes]:
    out = dict(tree)
    text = out[path].decode()
    assert old in text, old
    out[path] = text.replace(old, new).encode()
    return out


def kinds(tree: dict[str, bytes], allowed: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    return sorted((c.path, c.kind, c.param) for c in api_changes(LIB, tree, allowed))


def test_the_packages_of_a_code_base_leave_tests_out() -> None:
    assert packages(LIB) == ["lib"] and packages(TEXTKIT) == ["textkit"]


def test_no_change_and_private_changes_are_no_api_change() -> None:
    assert kinds(LIB) == []
    private = edit(LIB, "lib/core.py", "def _helper(x):", "def _helper(x, y=2):")
    private = edit(private, "lib/core.py", "def _private(self, a):", "def _private(self, b):")
    assert kinds(private) == []
    body = edit(LIB, "lib/core.py", "    return job\n", "    return [job]\n")
    assert kinds(body) == []  # behaviour is the tests' business, not the API's


@pytest.mark.parametrize(("old", "new", "want"), [
    ("def run(job, retries=3, *, verbose=False):", "def run(job, retries=3, *, verbose=False, "
     "dry=False):", ("lib.core.run", "parameter added", "dry")),
    ("def run(job, retries=3, *, verbose=False):", "def run(task, retries=3, *, verbose=False):",
     ("lib.core.run", "parameter removed", "job")),
    ("def run(job, retries=3, *, verbose=False):", "def run(job, *, retries=3, verbose=False):",
     ("lib.core.run", "parameter kind changed", "retries")),
    ("def run(job, retries=3, *, verbose=False):", "def run(job, retries=5, *, verbose=False):",
     ("lib.core.run", "parameter default changed", "retries")),
    ("def run(job, retries=3, *, verbose=False):", "def run(job, retries, *, verbose=False):",
     ("lib.core.run", "parameter made required", "retries")),
    ("def run(job, retries=3, *, verbose=False):", "def run(job=None, retries=3, *, "
     "verbose=False):", ("lib.core.run", "parameter made optional", "job")),
    ("    def start(self, when=None):", "    def start(self, when=None, how=None):",
     ("lib.core.Engine.start", "parameter added", "how")),
    ("    def __init__(self, name, size=1):", "    def __init__(self, name, size=1, cap=0):",
     ("lib.core.Engine.__init__", "parameter added", "cap")),
    ("    def start(self, when=None):", "    def begin(self, when=None):",
     ("lib.core.Engine.start", "removed", "")),
])
def test_each_kind_of_change_is_found_where_it_was_importable(old: str, new: str,
                                                             want: tuple[str, str, str]) -> None:
    found = kinds(edit(LIB, "lib/core.py", old, new))
    # the package re-exports Engine and run: a change is reported once, where first reached
    assert [(p.replace("lib.core.", "lib."), k, n) for p, k, n in found][:1] == \
        [(want[0].replace("lib.core.", "lib."), want[1], want[2])], found


def test_a_move_behind_a_re_export_is_no_change_but_its_signature_still_is() -> None:
    moved = edit(LIB, "lib/core.py", "def run(job, retries=3, *, verbose=False):\n    return job\n",
                 "from lib.runner import run\n")
    moved["lib/runner.py"] = b"def run(job, retries=3, *, verbose=False):\n    return job\n"
    assert kinds(moved) == []
    changed = dict(moved, **{"lib/runner.py": b"def run(job, *, verbose=False):\n    return job\n"})
    assert ("parameter removed", "retries") in {(k, n) for _, k, n in kinds(changed)}
    gone = dict(moved)
    gone["lib/core.py"] = gone["lib/core.py"].replace(b"from lib.runner import run\n", b"")
    gone["lib/__init__.py"] = gone["lib/__init__.py"].replace(b"lib.core import Engine, run",
                                                              b"lib.core import Engine")
    assert {(p, k) for p, k, _ in kinds(gone)} >= {("lib.core.run", "removed"),
                                                  ("lib.run", "removed")}


def test_a_name_left_out_of_a_new_all_is_no_longer_public() -> None:
    narrowed = edit(LIB, "lib/__init__.py", '__all__ = ["Engine", "run"]', '__all__ = ["Engine"]')
    assert kinds(narrowed) == [("lib.run", "no longer exported", "")]
    # a module that starts an __all__ naming everything public it had changes nothing
    listed = edit(LIB, "lib/core.py", '"""Core."""\n', '"""Core."""\n__all__ = ["Engine", "run"]\n')
    assert kinds(listed) == []
    partial = edit(LIB, "lib/core.py", '"""Core."""\n', '"""Core."""\n__all__ = ["Engine"]\n')
    assert ("lib.core.run", "no longer exported", "") in kinds(partial)


def test_a_rename_that_keeps_the_old_name_as_an_alias_is_no_change() -> None:
    renamed = edit(LIB, "lib/core.py", "def run(job, retries=3, *, verbose=False):\n    return job\n",
                   "def execute(job, retries=3, *, verbose=False):\n    return job\n\n\n"
                   "run = execute\n")
    assert kinds(renamed) == []
    widened = edit(renamed, "lib/core.py", "def execute(job, retries=3, *, verbose=False):",
                   "def execute(job, retries=3, *, verbose=False, dry=False):")
    assert kinds(widened) == [("lib.run", "parameter added", "dry")]
    other = edit(renamed, "lib/core.py", "run = execute\n", "run = 3\n")
    assert ("lib.run", "kind changed", "") in kinds(other)


def test_what_the_task_allows_is_left_out() -> None:
    tree = edit(LIB, "lib/core.py", "def run(job, retries=3, *, verbose=False):",
                "def run(job, retries=3, *, verbose=False, dry=False, fast=False):")
    assert {n for _, _, n in kinds(tree)} == {"dry", "fast"}
    assert {n for _, _, n in kinds(tree, ("lib.core.run(dry)",))} == {"fast"}
    assert kinds(tree, ("lib.core.run(dry, fast)",)) == []
    assert kinds(tree, ("lib.core.run",)) == []
    assert kinds(tree, ("lib.core",)) == []  # a module covers what is in it
    # an entry naming a re-export covers the object's changes as well (one object, two paths)
    assert kinds(tree, ("lib.run(dry, fast)",)) == []
    cls = edit(LIB, "lib/core.py", "    def __init__(self, name, size=1):",
               "    def __init__(self, name, size=1, cap=0):")
    assert kinds(cls, ("lib.core.Engine(cap)",)) == []  # a class's parameters: its constructor's


def test_a_tree_that_cannot_be_read_or_a_missing_package_is_a_change() -> None:
    broken = dict(LIB, **{"lib/core.py": b"def run(:\n"})
    assert ("lib.core", "removed") in {(p, k) for p, k, _ in kinds(broken)}
    gone = {p: d for p, d in LIB.items() if not p.startswith("lib/")}
    assert kinds(gone) == [("lib", "removed", "")]


def test_nothing_is_imported_and_odd_code_does_not_hang(tmp_path: Path) -> None:
    mark = tmp_path / "imported"
    # harmless if it ever ran: it only writes a file in this test's own folder
    loud = dict(LIB, **{"lib/core.py": LIB["lib/core.py"] + f"\nopen({str(mark)!r}, 'w').close()\n"
                        .encode()})
    loud = edit(loud, "lib/core.py", "class Engine:\n", "class Engine:\n    Again = None\n")
    loud["lib/loop.py"] = (b"from lib.loop import Loop as Loop2\n"
                           b"class Loop:\n    Self = None\nLoop.Self = Loop\nLoop2 = Loop\n")
    loud = edit(loud, "lib/__init__.py", "__all__", "from lib.loop import Loop\n__all__")
    api_changes(LIB, loud)
    assert not mark.exists()


def test_a_real_refactor_of_a_fixture_repo() -> None:
    moved = dict(TEXTKIT)
    slug = moved["textkit/slug.py"].decode()
    start, end = slug.index("def strip_accents"), slug.index("def normalise_whitespace")
    moved["textkit/unicode.py"] = ("import unicodedata\n\n\n" + slug[start:end]).encode()
    moved["textkit/slug.py"] = (slug[:start] + slug[end:]).replace(
        "import unicodedata\n", "from textkit.unicode import strip_accents\n").encode()
    assert api_changes(TEXTKIT, moved) == []
    renamed = dict(moved, **{"textkit/unicode.py": moved["textkit/unicode.py"].replace(
        b"def strip_accents(text: str)", b"def strip_accents(value: str)")})
    assert {(c.path, c.kind) for c in api_changes(TEXTKIT, renamed)} == {
        ("textkit.slug.strip_accents", "parameter removed"),
        ("textkit.slug.strip_accents", "required parameter added")}


def test_api_changed_is_a_hard_scope_component() -> None:
    from evals.constants import HARD_COMPONENTS
    from evals.scorers.api import add_api_changed

    tree = edit(LIB, "lib/core.py", "def run(job, retries=3, *, verbose=False):",
                "def run(job, retries=3, *, verbose=False, dry=False):")
    comps = scope_components(file_changes(LIB, tree), Scope(files=("lib/core.py",)), 1, set(LIB))
    assert comps["api_changed"] == 0
    add_api_changed(comps, LIB, tree, ())
    assert comps["api_changed"] == 1 and "api lib.run: parameter added (dry)" in comps["out_of_scope"]
    assert "api_changed" in HARD_COMPONENTS


@pytest.mark.parametrize(("scope", "says"), [
    ({"files": ["nope.py"]}, "not in repo"),
    ({"api": ["lib.core.run("]}, "must be a dotted path"),
    ({"api": ["1lib"]}, "must be a dotted path"),
    ({"tests_may_change": ["tests/test_missing.py"]}, "not in repo"),
    ({"tests_may_change": "yes"}, "must be a list"),
    ({"sideways": True}, "unknown key 'sideways'"),
    ([], "must be a mapping"),
])
def test_a_bad_scope_is_one_line(tmp_path: Path, scope: object, says: str) -> None:
    for p, d in LIB.items():
        (tmp_path / p).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / p).write_bytes(d)
    with pytest.raises(TaskError, match=says):
        load_scope(scope, "task x", tmp_path, "lib")


def test_a_scope_lists_the_test_files_that_may_change_and_new_file_patterns() -> None:
    scope = Scope(files=("lib/core.py",), new_files=("lib/plugins/*.py",),
                  tests_may_change=("tests/test_core.py",))
    tree = dict(LIB, **{"tests/test_core.py": b"def test_y():\n    assert True\n",
                        "tests/test_other.py": b"def test_z():\n    pass\n",
                        "lib/plugins/csv.py": b"X = 1\n", "lib/extra.py": b"Y = 2\n"})
    comps = scope_components(file_changes(LIB, tree), scope, 5, set(LIB))
    assert comps["tests_modified"] == 1 and "tests/test_other.py" in comps["out_of_scope"]
    assert comps["new_files_out_of_scope"] == 1 and "lib/extra.py" in comps["out_of_scope"]
    assert Scope.from_dict(scope.as_dict()) == scope
