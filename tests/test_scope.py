"""Each scope component of docs/design.md section 5 on crafted changes."""

from __future__ import annotations

import pytest

from evals.scorers.scope import (
    Scope,
    changed_symbols,
    file_changes,
    is_deviated,
    patch_changed_lines,
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
    # 2 lines changed against a reference of 2: no excess; of 1: (2-1)/1 = 1.0; of 0: 2/1
    cur = edit(b"return self.n < LIMIT", b"return self.n <= LIMIT")
    assert comps(cur, ref_lines=2)["excess_edit"] == 0
    assert comps(cur, ref_lines=1)["excess_edit"] == 1.0
    assert comps(cur, ref_lines=0)["excess_edit"] == 2.0
    c = comps(cur, ref_lines=1)
    assert not is_deviated(c, excess_bar=1.0) and is_deviated(c, excess_bar=0.5)


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


def test_patch_changed_lines_ignores_headers() -> None:
    patch = "--- a/x.py\n+++ b/x.py\n@@ -1,2 +1,2 @@\n-a\n+b\n c\n"
    assert patch_changed_lines(patch) == 2


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
