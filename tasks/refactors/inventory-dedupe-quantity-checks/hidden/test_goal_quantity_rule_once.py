"""Goal checks: read the code as text (never import it). The "quantity must be positive"
message is written once in the package, and none of the six former sites compares the
quantity with zero itself any more (whatever the shared rule is called and wherever it
lives)."""

import ast
from pathlib import Path

ROOT = Path.cwd()
MESSAGE = "quantity must be positive"
SITES = {
    "inventory/stock.py": [("StockBook", "receive"), ("StockBook", "reserve"),
                           ("StockBook", "ship")],
    "inventory/purchasing.py": [("PurchaseOrder", "add_line"), ("PurchaseOrder", "receive")],
    "inventory/orders.py": [("LineItem", "__post_init__")],
}
NAMES = {"qty", "quantity"}


def tree(rel):
    return ast.parse((ROOT / rel).read_text(encoding="utf-8"))


def method(module, cls, name):
    for n in module.body:
        if isinstance(n, ast.ClassDef) and n.name == cls:
            for m in n.body:
                if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and m.name == name:
                    return m
    raise AssertionError(f"{cls}.{name} is not defined")


def names_quantity(node):
    return (isinstance(node, ast.Name) and node.id in NAMES) or \
           (isinstance(node, ast.Attribute) and node.attr in NAMES)


def is_zero(node):
    return isinstance(node, ast.Constant) and node.value == 0


def compares_quantity_with_zero(fn):
    for n in ast.walk(fn):
        if isinstance(n, ast.Compare) and len(n.ops) == 1:
            left, right = n.left, n.comparators[0]
            if (names_quantity(left) and is_zero(right)) or (is_zero(left) and names_quantity(right)):
                return True
    return False


def message_sites():
    out = []
    for path in sorted((ROOT / "inventory").rglob("*.py")):
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and MESSAGE in n.value:
                out.append(str(path.relative_to(ROOT)))
    return out


def test_the_message_is_written_once():
    sites = message_sites()  # none: a shared rule that composes its message from parts
    assert len(sites) <= 1, f"'{MESSAGE}' is written in: {sites}"


def test_no_site_checks_the_quantity_itself():
    for rel, methods in SITES.items():
        module = tree(rel)
        for cls, name in methods:
            assert not compares_quantity_with_zero(method(module, cls, name)), \
                f"{rel}: {cls}.{name} still compares the quantity with 0"
