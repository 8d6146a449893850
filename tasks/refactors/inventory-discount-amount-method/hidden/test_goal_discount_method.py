"""Goal checks: read the code as text (never import it). Discount has amount_for(subtotal)
with the arithmetic; Order.discount_total no longer reads the discount's fields and
delegates to it."""

import ast
from pathlib import Path

ROOT = Path.cwd()
FIELDS = {"min_subtotal", "percent", "amount_off"}


def orders():
    return ast.parse((ROOT / "inventory/orders.py").read_text(encoding="utf-8"))


def method(module, cls, name):
    for n in module.body:
        if isinstance(n, ast.ClassDef) and n.name == cls:
            for m in n.body:
                if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and m.name == name:
                    return m
    raise AssertionError(f"{cls}.{name} is not defined")


def class_def(module, cls):
    for n in module.body:
        if isinstance(n, ast.ClassDef) and n.name == cls:
            return n
    raise AssertionError(f"class {cls} is not defined")


def attributes_read(node):
    return {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}


def test_discount_has_amount_for_with_the_arithmetic():
    module = orders()
    amount_for = method(module, "Discount", "amount_for")
    assert [a.arg for a in amount_for.args.args] == ["self", "subtotal"]
    assert "min_subtotal" in attributes_read(class_def(module, "Discount")), \
        "the threshold is not checked by Discount"


def test_order_no_longer_reads_the_discount_fields():
    assert not FIELDS & attributes_read(class_def(orders(), "Order"))


def test_discount_total_delegates():
    discount_total = method(orders(), "Order", "discount_total")
    assert not FIELDS & attributes_read(discount_total), \
        "Order.discount_total still reads the discount's fields"
    assert "amount_for" in attributes_read(discount_total)
    assert "quantize" not in attributes_read(discount_total)
