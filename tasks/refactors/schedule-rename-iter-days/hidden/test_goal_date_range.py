"""Goal checks: read the code as text (never import it). The function is called date_range,
the old name is gone everywhere (no alias), and both callers use the new name."""

import ast
from pathlib import Path

ROOT = Path.cwd()


def tree(rel):
    path = ROOT / rel
    assert path.is_file(), f"{rel} does not exist"
    return ast.parse(path.read_text(encoding="utf-8"))


def function(module, name):
    for n in module.body:
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name:
            return n
    return None


def names_used(node):
    out = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            out.add(n.id)
        elif isinstance(n, ast.Attribute):
            out.add(n.attr)
        elif isinstance(n, ast.alias):
            out.add(n.name)
            if n.asname:
                out.add(n.asname)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(n.name)
    return out


def calls(node, name):
    return [n for n in ast.walk(node) if isinstance(n, ast.Call)
            and ((isinstance(n.func, ast.Name) and n.func.id == name)
                 or (isinstance(n.func, ast.Attribute) and n.func.attr == name))]


def test_dates_defines_date_range_with_the_same_parameters():
    fn = function(tree("schedule/dates.py"), "date_range")
    assert fn is not None, "schedule/dates.py defines no date_range"
    assert [a.arg for a in fn.args.args] == ["start", "end"]


def test_the_old_name_is_gone_everywhere():
    paths = sorted((ROOT / "schedule").glob("*.py")) + [ROOT / "tests" / "test_dates.py"]
    for path in paths:
        used = names_used(ast.parse(path.read_text(encoding="utf-8")))
        assert "iter_days" not in used, f"{path.relative_to(ROOT)} still names iter_days"


def test_business_days_between_calls_date_range():
    module = tree("schedule/businessdays.py")
    fn = function(module, "business_days_between")
    assert fn is not None and calls(fn, "date_range")


def test_working_minutes_between_calls_date_range():
    module = tree("schedule/workhours.py")
    fn = function(module, "working_minutes_between")
    assert fn is not None and calls(fn, "date_range")


def test_the_visible_test_uses_the_new_name():
    assert calls(tree("tests/test_dates.py"), "date_range")
