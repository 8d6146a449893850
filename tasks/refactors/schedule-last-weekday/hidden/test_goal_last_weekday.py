"""Goal checks: read the code as text (never import it). last_weekday holds the computation,
nth_weekday's -1 branch only delegates to it, and the visible test calls it."""

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


def calls(node, name):
    return [n for n in ast.walk(node) if isinstance(n, ast.Call)
            and ((isinstance(n.func, ast.Name) and n.func.id == name)
                 or (isinstance(n.func, ast.Attribute) and n.func.attr == name))]


def test_dates_defines_last_weekday():
    fn = function(tree("schedule/dates.py"), "last_weekday")
    assert fn is not None, "schedule/dates.py defines no last_weekday"
    assert [a.arg for a in fn.args.args] == ["year", "month", "weekday"]


def test_nth_weekday_delegates_the_last_occurrence():
    fn = function(tree("schedule/dates.py"), "nth_weekday")
    assert calls(fn, "last_weekday"), "nth_weekday does not call last_weekday"
    assert not calls(fn, "days_in_month"), "nth_weekday still computes the last occurrence"


def test_the_visible_test_calls_last_weekday_not_minus_one():
    module = tree("tests/test_dates.py")
    assert calls(module, "last_weekday")
    for call in calls(module, "nth_weekday"):
        for arg in call.args:
            assert not (isinstance(arg, ast.UnaryOp) and isinstance(arg.op, ast.USub)
                        and isinstance(arg.operand, ast.Constant) and arg.operand.value == 1), \
                "tests/test_dates.py still calls nth_weekday with -1"
