"""Goal checks: read the code as text (never import it). Supplier, the purchase order
(PurchaseOrder with PurchaseLine) and build_purchase_orders are each defined once, in three
different modules under inventory/, none of them the old purchasing module; the new modules
do not import the old one, and the supplier module does not depend on the stock module."""

import ast
from pathlib import Path

ROOT = Path.cwd()
NAMES = ("Supplier", "PurchaseLine", "PurchaseOrder", "build_purchase_orders")
FACADES = {"inventory/purchasing.py", "inventory/purchasing/__init__.py"}


def modules():
    out = {}
    for path in sorted((ROOT / "inventory").rglob("*.py")):
        out[path.relative_to(ROOT).as_posix()] = ast.parse(path.read_text(encoding="utf-8"))
    return out


def definitions():
    where = {name: [] for name in NAMES}
    for rel, module in modules().items():
        for n in module.body:
            if isinstance(n, (ast.ClassDef, ast.FunctionDef)) and n.name in where:
                where[n.name].append(rel)
    return where


def dotted(rel):
    return rel.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def resolve(rel, node):
    """The module an ImportFrom reads from, relative imports resolved."""
    package = dotted(rel) if rel.endswith("__init__.py") else dotted(rel).rpartition(".")[0]
    if not node.level:
        return node.module or ""
    base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
    return f"{base}.{node.module}" if node.module else base


def imported_modules(rel, module):
    """Modules imported at the top level, and the dotted names taken from them."""
    out = set()
    for n in module.body:
        if isinstance(n, ast.Import):
            out.update(a.name for a in n.names)
        elif isinstance(n, ast.ImportFrom):
            mod = resolve(rel, n)
            out.add(mod)
            out.update(f"{mod}.{a.name}" for a in n.names)
    return out


def takes_from_old_module(rel, module):
    """`import inventory.purchasing` or one of the moved names taken from it."""
    for n in module.body:
        if isinstance(n, ast.Import) and any(a.name == "inventory.purchasing" for a in n.names):
            return True
        if isinstance(n, ast.ImportFrom) and resolve(rel, n) == "inventory.purchasing" \
                and any(a.name in NAMES or a.name == "*" for a in n.names):
            return True
    return False


def test_each_name_is_defined_once():
    for name, where in definitions().items():
        assert len(where) == 1, f"{name} is defined in {where or 'no module'}"


def test_three_responsibilities_in_three_modules():
    where = {name: places[0] for name, places in definitions().items() if places}
    assert set(where) == set(NAMES)
    assert where["PurchaseLine"] == where["PurchaseOrder"], "PurchaseLine left its order"
    homes = {where["Supplier"], where["PurchaseOrder"], where["build_purchase_orders"]}
    assert len(homes) == 3, f"not split by responsibility: {where}"
    assert not homes & FACADES, f"something is still defined in the old module: {where}"


def test_new_modules_do_not_import_the_old_one():
    where = {name: places[0] for name, places in definitions().items() if places}
    all_modules = modules()
    for rel in set(where.values()) - FACADES:
        assert not takes_from_old_module(rel, all_modules[rel]), \
            f"{rel} imports from inventory.purchasing"


def test_supplier_module_does_not_depend_on_stock():
    where = definitions()["Supplier"]
    assert where
    imported = imported_modules(where[0], modules()[where[0]])
    assert not any(m == "inventory.stock" or m.startswith("inventory.stock.") for m in imported)
