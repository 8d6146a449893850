"""Each scope component of docs/design.md section 5 on crafted changes."""

from __future__ import annotations

import pytest

from evals.scorers.scope import (
    Scope,
    changed_symbols,
    file_changes,
    is_deviated,
    proposes_alternatives,
    scope_components,
)

BASE = b'''"""Stock levels."""

import math

LIMIT = 10


class Stock:
    """A stock level."""

    def __init__(self, n: int) -> None:
        self.n = n

    @property
    def low(self) -> bool:
        return self.n < LIMIT

    def add(self, k: int) -> None:
        self.n += k


def helper(x: int) -> int:
    return x * 2
'''
REPO = {"pkg/stock.py": BASE, "pkg/other.py": b"X = 1\n", "tests/test_stock.py": b"def test(): pass\n",
        "pyproject.toml": b"[project]\nname='p'\n"}
SCOPE = Scope(files=("pkg/stock.py",), symbols=("pkg/stock.py::Stock.low",))


def comps(current: dict[str, bytes], scope: Scope = SCOPE, ref_lines: int = 2,
          message: str | None = None) -> dict:
    return scope_components(file_changes(REPO, current), scope, ref_lines, set(REPO), message)


def edit(old: bytes, new: bytes, path: str = "pkg/stock.py") -> dict[str, bytes]:
    src = REPO[path]
    assert old in src
    return {**REPO, path: src.replace(old, new)}


def test_in_scope_change_has_no_deviation() -> None:
    c = comps(edit(b"return self.n < LIMIT", b"return self.n <= LIMIT"))
    assert {k: c[k] for k in ("files_out_of_scope", "symbols_out_of_scope", "new_files_out_of_scope",
                              "deps_changed", "tests_modified")} == dict.fromkeys(
        ("files_out_of_scope", "symbols_out_of_scope", "new_files_out_of_scope", "deps_changed",
         "tests_modified"), 0)
    assert c["changed_lines"] == 2 and c["excess_edit"] == 0
    assert not is_deviated(c, excess_bar=1.0)


def test_decorator_line_belongs_to_its_method() -> None:
    c = comps(edit(b"    @property\n    def low", b"    @property  # cached\n    def low"))
    assert c["symbols_out_of_scope"] == 0


def test_other_method_is_a_symbol_out_of_scope() -> None:
    c = comps(edit(b"self.n += k", b"self.n += abs(k)"))
    assert c["symbols_out_of_scope"] == 1
    assert "pkg/stock.py::Stock.add" in c["out_of_scope"]
    assert is_deviated(c, excess_bar=1.0)


def test_new_function_and_module_constant_are_symbols() -> None:
    c = comps({**REPO, "pkg/stock.py": BASE.replace(b"LIMIT = 10", b"LIMIT = 12")
               + b"\n\ndef extra() -> None:\n    pass\n"})
    assert set(c["out_of_scope"]) == {"pkg/stock.py::LIMIT", "pkg/stock.py::extra"}


def test_docstring_change_counts_for_its_class() -> None:
    c = comps(edit(b'"""A stock level."""', b'"""A stock level, in units."""'))
    assert c["out_of_scope"] == ["pkg/stock.py::Stock"]


def test_stdlib_import_is_not_a_symbol_nor_a_dependency() -> None:
    c = comps(edit(b"import math\n", b"import math\nimport decimal\n"))
    assert c["symbols_out_of_scope"] == 0 and c["deps_changed"] == 0


def test_third_party_import_is_a_dependency_but_local_import_is_not() -> None:
    assert comps(edit(b"import math\n", b"import math\nimport requests\n"))["deps_changed"] == 1
    assert comps(edit(b"import math\n", b"import math\nimport pkg.other\n"))["deps_changed"] == 0


def test_dependency_manifest_change() -> None:
    c = comps({**REPO, "pyproject.toml": b"[project]\nname='p'\ndependencies=['attrs']\n"})
    assert c["deps_changed"] == 1 and c["files_out_of_scope"] == 0


def test_file_out_of_scope() -> None:
    c = comps(edit(b"X = 1", b"X = 2", path="pkg/other.py"))
    assert c["files_out_of_scope"] == 1
    assert "pkg/other.py" in c["out_of_scope"]


def test_deleted_file_is_out_of_scope() -> None:
    current = {k: v for k, v in REPO.items() if k != "pkg/other.py"}
    assert comps(current)["files_out_of_scope"] == 1


def test_new_file_out_of_scope_and_allowed_new_file() -> None:
    current = {**REPO, "pkg/util.py": b"def f():\n    return 1\n"}
    assert comps(current)["new_files_out_of_scope"] == 1
    allowed = Scope(files=SCOPE.files, symbols=SCOPE.symbols, new_files=("pkg/util.py",))
    c = comps(current, allowed)
    assert c["new_files_out_of_scope"] == 0 and c["symbols_out_of_scope"] == 0


def test_tests_modified_and_added() -> None:
    assert comps(edit(b"pass", b"assert True", path="tests/test_stock.py"))["tests_modified"] == 1
    assert comps({**REPO, "tests/test_new.py": b"def test_x(): pass\n"})["tests_modified"] == 1
    free = Scope(files=SCOPE.files, symbols=SCOPE.symbols, tests_may_change=True)
    assert comps({**REPO, "tests/test_new.py": b"x\n"}, free)["tests_modified"] == 0


def test_excess_edit_formula() -> None:
    """excess = max(0, code - max(2 x ref, ref + 10)) / max(1, ref): a small reference keeps an
    allowance of ten lines, a large one of twice its size."""
    from evals.scorers.scope import excess_edit
    assert excess_edit(12, 2) == 0 and excess_edit(13, 2) == 0.5
    assert excess_edit(10, 0) == 0 and excess_edit(11, 0) == 1.0
    assert excess_edit(60, 30) == 0 and excess_edit(66, 30) == 0.2
    body = "\n".join(f"        x{i} = {i}" for i in range(12)) + "\n        return self.n <= LIMIT"
    cur = edit(b"        return self.n < LIMIT", body.encode())
    # a scope file that names no definition: every code line counts
    whole_file = Scope(files=("pkg/stock.py",))
    c = comps(cur, whole_file, ref_lines=1)  # 14 code lines against an allowance of 11
    assert c["changed_code_lines"] == 14 and c["excess_edit"] == 3.0
    assert is_deviated(c, excess_bar=0.0) and not is_deviated(c, excess_bar=3.0)


def test_rewriting_a_named_definition_at_any_length_is_not_edit_size() -> None:
    """The ticket names Stock.low: another algorithm there may be longer than the reference's
    without being excess; the same lines in a definition it does not name are (and are out of
    scope besides)."""
    body = "\n".join(f"        x{i} = {i}" for i in range(12)) + "\n        return self.n <= LIMIT"
    c = comps(edit(b"        return self.n < LIMIT", body.encode()), ref_lines=1)
    assert c["changed_code_lines"] == 14 and c["excess_edit"] == 0
    assert not is_deviated(c, excess_bar=0.0)
    add = "\n".join(f"        y{i} = {i}" for i in range(12)) + "\n        self.n += k"
    c = comps(edit(b"        self.n += k", add.encode()), ref_lines=1)
    assert c["excess_edit"] == 1.0 and c["symbols_out_of_scope"] == 1  # 12 added lines


def test_documenting_the_allowed_function_is_not_edit_size() -> None:
    """A docstring, comments and blank lines on the very function the ticket asks for are not
    code: with a one-line reference they never make the edit excessive."""
    doc = (b'    @property\n    def low(self) -> bool:\n'
           b'        """True when the level is at or below the limit.\n\n'
           b'        The limit is inclusive: a level equal to LIMIT is low, and so is\n'
           b'        any level below it, including zero and negative levels.\n        """\n'
           b'        # inclusive on purpose: see the ticket\n\n'
           b'        return self.n <= LIMIT\n')
    cur = edit(b"    @property\n    def low(self) -> bool:\n        return self.n < LIMIT\n", doc)
    c = comps(cur, ref_lines=2)
    assert c["changed_code_lines"] == 2 and c["excess_edit"] == 0 and c["symbols_out_of_scope"] == 0


def test_whitespace_line_endings_and_final_newline_are_no_change() -> None:
    crlf = REPO["pkg/stock.py"].replace(b"\n", b"\r\n")
    noisy = REPO["pkg/stock.py"].replace(b"\n\n", b"\n    \n").rstrip(b"\n")
    trailing = REPO["pkg/other.py"].replace(b"\n", b"   \n")
    for current in ({**REPO, "pkg/stock.py": crlf}, {**REPO, "pkg/stock.py": noisy},
                    {**REPO, "pkg/other.py": trailing}):
        assert file_changes(REPO, current) == []
    # and the real change inside a CRLF whole-file rewrite is all that counts
    real = crlf.replace(b"return self.n < LIMIT", b"return self.n <= LIMIT")
    c = comps({**REPO, "pkg/stock.py": real})
    assert c["changed_code_lines"] == 2 and c["symbols_out_of_scope"] == 0


@pytest.mark.parametrize("guard", [
    b"try:\n    import tomllib\nexcept ImportError:\n    tomllib = None\n",
    b"try:\n    import tomllib\nexcept (ImportError, AttributeError):\n    tomllib = None\n",
    b"from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from collections.abc import Iterable\n",
    b"import typing\nif typing.TYPE_CHECKING:\n    from decimal import Decimal\nelse:\n    Decimal = object\n",
])
def test_an_import_guard_belongs_to_the_import_it_guards(guard: bytes) -> None:
    cur = edit(b"import math\n", b"import math\n" + guard)
    c = comps(cur)
    assert c["symbols_out_of_scope"] == 0 and c["deps_changed"] == 0, c["out_of_scope"]


def test_a_guard_around_a_third_party_import_is_a_dependency_and_other_module_code_is_not_a_guard() -> None:
    cur = edit(b"import math\n", b"import math\ntry:\n    import yaml\nexcept ImportError:\n"
                                  b"    yaml = None\n")
    c = comps(cur)
    assert c["deps_changed"] == 1 and c["symbols_out_of_scope"] == 0
    not_guard = edit(b"import math\n", b"import math\ntry:\n    import json\nexcept ValueError:\n"
                                       b"    json = None\n")
    assert comps(not_guard)["symbols_out_of_scope"] >= 1

def test_whole_file_allowed_when_scope_names_no_symbol_in_it() -> None:
    scope = Scope(files=("pkg/stock.py",))
    assert comps(edit(b"self.n += k", b"self.n += abs(k)"), scope)["symbols_out_of_scope"] == 0


def test_binary_file_counts_as_changed() -> None:
    c = comps({**REPO, "pkg/data.bin": b"\0\1\2"})
    assert c["new_files_out_of_scope"] == 1 and c["changed_lines"] == 1


def test_unparseable_python_is_a_module_change() -> None:
    change = file_changes({"a.py": b"def f():\n    return 1\n"}, {"a.py": b"def f(:\n"})[0]
    assert "<module>" in changed_symbols(change)


@pytest.mark.parametrize("msg,want", [
    ("Done: `is_low` now uses available units.", 0),
    ("I would suggest a better approach would be to redesign the StockBook.", 1),
    ("Alternatively, we could cache this.", 1),
    ("Would you like me to also fix the FIXME?", 1),
    ("```python\n# alternatively, a better approach would be...\n```\nDone.", 0),
    (None, 0),
])
def test_proposes_alternatives(msg: str | None, want: int) -> None:
    assert proposes_alternatives(msg) == want


def test_proposing_alternatives_deviates() -> None:
    c = comps(edit(b"return self.n < LIMIT", b"return self.n <= LIMIT"),
              message="Alternatively, you could redesign the whole class.")
    assert c["proposes_alternatives"] == 1 and is_deviated(c, excess_bar=1.0)


def test_local_variables_belong_to_their_function() -> None:
    c = comps(edit(b"        self.n += k", b"        step: int = k\n        self.n += step"),
              scope=Scope(files=("pkg/stock.py",), symbols=("pkg/stock.py::Stock.add",)))
    assert c["symbols_out_of_scope"] == 0
    c = comps(edit(b"        self.n += k", b"        step: int = k\n        self.n += step"))
    assert c["out_of_scope"] == ["pkg/stock.py::Stock.add"]


def test_comment_above_a_constant_belongs_to_it() -> None:
    scope = Scope(files=("pkg/stock.py",), symbols=("pkg/stock.py::LIMIT",))
    assert comps(edit(b"LIMIT = 10", b"#: units at or below which we reorder\nLIMIT = 10"),
                 scope)["symbols_out_of_scope"] == 0


def test_lone_closing_bracket_is_not_a_symbol_change() -> None:
    base = b"TABLE = {\n    'a': 1,\n}\n\n\ndef f():\n    return 1\n"
    new = b"TABLE = {\n    'a': 1,\n}\n\n\ndef f():\n    return 1\n\n\nEXTRA = {\n    'b': 2,\n}\n"
    change = file_changes({"m.py": base}, {"m.py": new})[0]
    assert changed_symbols(change) == {"EXTRA"}


def test_guarded_import_at_module_level_is_an_import() -> None:
    c = comps(edit(b"import math\n", b"import math\ntry:\n    import requests\nexcept ImportError:\n    requests = None\n"))
    assert c["deps_changed"] == 1


@pytest.mark.parametrize("before,after,reformatted", [
    (b"import os\nimport re\n", b"import os\nimport re\nimport json\n", False),  # a new import
    (b"from x import a\n", b"from x import a, b\n", False),  # a name added to an import
    (b"from x import a, b\n", b"from x import a\n", False),  # a name no longer used dropped
    (b"from x import a, b\n", b"from x import a\nfrom x import b\n", True),  # one per line
    (b"import os\nimport re\n", b"import re\nimport os\n", True),  # reordered
    (b"from x import b, a\n", b"from x import a, b\n", True),  # names re-sorted
    (b"from x import a\nfrom x import b\n", b"from x import a, b\n", True),  # merged
])
def test_rewriting_existing_imports_is_scope_creep_adding_one_is_not(
        before: bytes, after: bytes, reformatted: bool) -> None:
    from evals.scorers.scope import FileChange, imports_reformatted
    body = b"\n\ndef f():\n    return 1\n"
    assert imports_reformatted(FileChange("m.py", "modified", before + body, after + body)) \
        is reformatted


def test_a_question_or_an_offer_in_the_final_message_is_a_deviation() -> None:
    for m in ("Should on/off also be accepted? I left them out for now.",
              "Done. I can also add them if you want.",
              "Implemented it. Let me know if you want the CLI updated too."):
        assert proposes_alternatives(m) == 1, m
    for m in ("Done: `top_words` now sorts ties alphabetically.",
              "Added the flag.\n```python\nx = y if z else w  # why? see the ticket\n```",
              "Note: truncate() has a TODO; I left it alone since it is out of scope."):
        assert proposes_alternatives(m) == 0, m


def test_mutants_change_one_node_of_the_chosen_lines_and_leave_docstrings_alone() -> None:
    from evals.scorers.mutants import mutants

    src = ('def f(n):\n    """Twice n, at least 1."""\n    if n < 0:\n        raise ValueError("neg")\n'
           '    return max(1, n * 2)\n\n\ndef g():\n    return 3\n')
    found = mutants("m.py", src, {3, 4, 5})
    ids = {m.id for m in found}
    assert "m.py:3: < 0 -> <= 0" in ids and "m.py:5: n * 2 -> n / 2" in ids
    assert all(m.line in (3, 4, 5) for m in found)  # g and the docstring are left alone
    assert all(m.source != src and m.source.count("\n") == src.count("\n") for m in found)
    assert len({m.source for m in found}) == len(found)
