"""Goal checks: read the code as text (never import it). The day-by-day walk over working
windows exists once in schedule/workhours.py and all three working-time functions use it, in
whatever form the answer chose (a generator, a WorkingHours method, a helper)."""

import ast
from pathlib import Path

ROOT = Path.cwd()
FUNCTIONS = ("working_minutes_between", "add_working_minutes", "next_opening")
MESSAGE = "working hours have no working days"


def module():
    path = ROOT / "schedule" / "workhours.py"
    assert path.is_file(), "schedule/workhours.py does not exist"
    return ast.parse(path.read_text(encoding="utf-8"))


def function(tree, name):
    for n in tree.body:
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name:
            return n
    raise AssertionError(f"workhours.py defines no {name}")


def called_names(node):
    out = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Call):
            if isinstance(n.func, ast.Name):
                out.add(n.func.id)
            elif isinstance(n.func, ast.Attribute):
                out.add(n.func.attr)
    return out


def definitions(tree):
    """Name -> node of the module's functions, classes and their methods."""
    out = {}
    for n in tree.body:
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out[n.name] = n
        if isinstance(n, ast.ClassDef):
            for m in n.body:
                if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    out[m.name] = m
    return out


def reachable(tree, name):
    """The module's own callables a function reaches, directly or through its helpers."""
    defs = definitions(tree)
    seen, todo = set(), [name]
    while todo:
        for callee in called_names(defs[todo.pop()]) & set(defs):
            if callee not in seen:
                seen.add(callee)
                todo.append(callee)
    return seen


def test_no_public_function_walks_the_days_itself():
    tree = module()
    for name in FUNCTIONS:
        fn = function(tree, name)
        assert not any(isinstance(n, ast.While) for n in ast.walk(fn)), f"{name} still has a while loop"
        assert "window_for" not in called_names(fn), f"{name} still calls window_for itself"
        assert "iter_days" not in called_names(fn), f"{name} still iterates the days itself"


def test_window_for_is_called_in_one_place_at_most():
    calls = [n for n in ast.walk(module()) if isinstance(n, ast.Call)
             and isinstance(n.func, ast.Attribute) and n.func.attr == "window_for"]
    assert len(calls) <= 1, f"window_for is called in {len(calls)} places"


def test_the_guard_message_is_written_once():
    strings = [n for n in ast.walk(module()) if isinstance(n, ast.Constant)
               and isinstance(n.value, str) and MESSAGE in n.value]
    assert len(strings) == 1, f"the no-working-days message appears {len(strings)} times"


def test_all_three_functions_use_one_shared_walk():
    tree = module()
    for name in FUNCTIONS:
        function(tree, name)
    shared = set.intersection(*(reachable(tree, name) for name in FUNCTIONS))
    shared -= {"window_for", *FUNCTIONS}
    assert shared, "no function or method of workhours.py is used by all three functions"
