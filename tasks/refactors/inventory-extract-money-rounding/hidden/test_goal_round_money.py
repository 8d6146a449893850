"""Goal checks: read the code as text (never import it). The rounding is written once, in
round_money in inventory/money.py; orders.py and reports.py call it and define no CENT."""

import ast
from pathlib import Path

ROOT = Path.cwd()


def tree(rel):
    path = ROOT / rel
    assert path.is_file(), f"{rel} does not exist"
    return ast.parse(path.read_text(encoding="utf-8"))


def top_level_assigned(module):
    out = set()
    for n in module.body:
        if isinstance(n, ast.Assign):
            out.update(t.id for t in n.targets if isinstance(t, ast.Name))
        elif isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name):
            out.add(n.target.id)
    return out


def function(module, name):
    for n in module.body:
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name:
            return n
    raise AssertionError(f"{name} is not defined")


def calls_of(node, name):
    return [c for c in ast.walk(node) if isinstance(c, ast.Call)
            and isinstance(c.func, ast.Name) and c.func.id == name]


def quantize_calls(node):
    return [c for c in ast.walk(node) if isinstance(c, ast.Call)
            and isinstance(c.func, ast.Attribute) and c.func.attr == "quantize"]


def imported_from(module, name):
    out = set()
    for n in module.body:
        if isinstance(n, ast.ImportFrom) and any(a.name == name and a.asname in (None, name)
                                                  for a in n.names):
            out.add(f"inventory.{n.module or ''}".rstrip(".") if n.level == 1 else n.module)
    return out


def test_money_module_holds_cent_and_round_money():
    money = tree("inventory/money.py")
    assert "CENT" in top_level_assigned(money)
    assert quantize_calls(function(money, "round_money"))


def test_quantize_is_written_once_in_the_package():
    where = []
    for path in sorted((ROOT / "inventory").glob("*.py")):
        where += [path.name] * len(quantize_calls(ast.parse(path.read_text(encoding="utf-8"))))
    assert where == ["money.py"], f"quantize calls: {where}"


def method(module, cls, name):
    for n in module.body:
        if isinstance(n, ast.ClassDef) and n.name == cls:
            return function(n, name)
    raise AssertionError(f"class {cls} is not defined")


def test_orders_and_reports_use_round_money_and_the_shared_cent():
    for rel in ("inventory/orders.py", "inventory/reports.py"):
        module = tree(rel)
        assert "CENT" not in top_level_assigned(module), f"{rel} still defines CENT"
        assert imported_from(module, "CENT") == {"inventory.money"}, rel
        assert imported_from(module, "round_money") == {"inventory.money"}, rel
        assert "ROUND_HALF_UP" not in ast.unparse(module), f"{rel} still names ROUND_HALF_UP"


def test_each_rounding_site_calls_round_money():
    orders = tree("inventory/orders.py")
    for cls, name in (("LineItem", "total"), ("Order", "subtotal"), ("Order", "discount_total")):
        assert calls_of(method(orders, cls, name), "round_money"), f"{cls}.{name}"


def test_format_money_calls_round_money():
    assert calls_of(function(tree("inventory/reports.py"), "format_money"), "round_money")
