"""Goal checks: read the code as text (never import it). StockBook defines available_units
and no longer has available (neither as a method nor as an alias); every call uses the new
name."""

import ast
from pathlib import Path

ROOT = Path.cwd()


def tree(rel):
    path = ROOT / rel
    assert path.is_file(), f"{rel} does not exist"
    return ast.parse(path.read_text(encoding="utf-8"))


def class_body(module, name):
    for node in module.body:
        if isinstance(node, ast.ClassDef) and node.name == name:
            return node.body
    raise AssertionError(f"class {name} not found")


def bound_names(body):
    """Names a class body binds: methods, assignments (an alias), annotated attributes."""
    out = set()
    for n in body:
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out.add(n.name)
        elif isinstance(n, ast.Assign):
            out.update(t.id for t in n.targets if isinstance(t, ast.Name))
        elif isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name):
            out.add(n.target.id)
    return out


def method_calls(module, attr):
    return [n for n in ast.walk(module) if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute) and n.func.attr == attr]


def test_stockbook_has_the_new_name_only():
    names = bound_names(class_body(tree("inventory/stock.py"), "StockBook"))
    assert "available_units" in names
    assert "available" not in names, "StockBook.available must go, not stay as an alias"


def test_no_alias_is_patched_in_from_outside():
    for path in (ROOT / "inventory").glob("*.py"):
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(n, ast.Assign):
                for t in n.targets:
                    assert not (isinstance(t, ast.Attribute) and t.attr == "available"
                                and isinstance(t.value, ast.Name) and t.value.id == "StockBook"), \
                        f"{path.name} re-creates StockBook.available"


def test_warehouse_calls_the_new_name():
    warehouse = tree("inventory/warehouse.py")
    assert not method_calls(warehouse, "available"), "a call of .available(...) is left"
    assert len(method_calls(warehouse, "available_units")) >= 2


def test_no_call_of_the_old_name_anywhere_in_the_package():
    for path in (ROOT / "inventory").glob("*.py"):
        calls = method_calls(ast.parse(path.read_text(encoding="utf-8")), "available")
        assert not calls, f"{path.name} still calls .available(...)"
