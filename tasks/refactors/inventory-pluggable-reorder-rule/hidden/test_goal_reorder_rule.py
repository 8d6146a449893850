"""Goal checks: read the code as text (never import it). StockBook takes a `rule`; low_stock
and reorder_suggestions go through it instead of applying the default rule themselves; the
default comparison is written once."""

import ast
from pathlib import Path

ROOT = Path.cwd()
FIELDS = {"reorder_qty", "reorder_point", "on_hand", "available"}


def stock():
    return ast.parse((ROOT / "inventory/stock.py").read_text(encoding="utf-8"))


def method(module, cls, name):
    for n in module.body:
        if isinstance(n, ast.ClassDef) and n.name == cls:
            for m in n.body:
                if isinstance(m, ast.FunctionDef) and m.name == name:
                    return m
    raise AssertionError(f"{cls}.{name} is not defined")


def attributes(node):
    return {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}


def test_stockbook_takes_a_rule():
    init = method(stock(), "StockBook", "__init__")
    names = [a.arg for a in (*init.args.args, *init.args.kwonlyargs)]
    assert names[:2] == ["self", "levels"]
    assert "rule" in names


def test_low_stock_and_suggestions_go_through_the_rule():
    module = stock()
    for name in ("low_stock", "reorder_suggestions"):
        used = attributes(method(module, "StockBook", name))
        assert "is_low" not in used, f"StockBook.{name} still calls is_low itself"
        assert not used & FIELDS, f"StockBook.{name} still reads {sorted(used & FIELDS)}"


def test_the_default_comparison_is_written_once():
    found = []
    for path in sorted((ROOT / "inventory").rglob("*.py")):
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(n, ast.Compare) and "reorder_point" in attributes(n) \
                    and "on_hand" in attributes(n):
                found.append(path.name)
    assert len(found) == 1, f"on_hand is compared with reorder_point in: {found}"
