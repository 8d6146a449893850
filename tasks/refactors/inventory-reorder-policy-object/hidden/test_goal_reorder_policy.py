"""Goal checks: read the code as text (never import it). inventory/stock.py defines a frozen
dataclass ReorderPolicy(reorder_point, reorder_qty) that validates itself; StockBook.set_policy
takes (sku, policy) only and no longer validates bare ints; every set_policy call passes two
arguments."""

import ast
from pathlib import Path

ROOT = Path.cwd()
MESSAGE = "reorder point and quantity must not be negative"


def tree(rel):
    path = ROOT / rel
    assert path.is_file(), f"{rel} does not exist"
    return ast.parse(path.read_text(encoding="utf-8"))


def top_class(module, name):
    for node in module.body:
        if isinstance(node, ast.ClassDef) and node.name == name:
            return node
    raise AssertionError(f"class {name} not found at module level")


def method(cls, name):
    for node in cls.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            return node
    raise AssertionError(f"{cls.name}.{name} not found")


def is_frozen_dataclass(cls):
    for d in cls.decorator_list:
        if isinstance(d, ast.Call) and ast.unparse(d.func) in ("dataclass", "dataclasses.dataclass"):
            return any(k.arg == "frozen" and isinstance(k.value, ast.Constant)
                       and k.value.value is True for k in d.keywords)
    return False


def test_reorder_policy_is_a_frozen_dataclass_with_two_int_fields():
    cls = top_class(tree("inventory/stock.py"), "ReorderPolicy")
    assert is_frozen_dataclass(cls), "ReorderPolicy must be @dataclass(frozen=True)"
    fields = [(n.target.id, ast.unparse(n.annotation)) for n in cls.body
              if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)]
    assert fields == [("reorder_point", "int"), ("reorder_qty", "int")]
    method(cls, "__post_init__")


def test_the_negative_check_lives_in_the_policy_only():
    module = tree("inventory/stock.py")
    cls = top_class(module, "ReorderPolicy")
    inside = [n for n in ast.walk(method(cls, "__post_init__"))
              if isinstance(n, ast.Constant) and n.value == MESSAGE]
    everywhere = [n for n in ast.walk(module) if isinstance(n, ast.Constant) and n.value == MESSAGE]
    assert len(inside) == 1, "ReorderPolicy.__post_init__ must raise the negative-values error"
    assert len(everywhere) == 1, "the negative-values check is duplicated"


def test_set_policy_takes_sku_and_policy_only():
    fn = method(top_class(tree("inventory/stock.py"), "StockBook"), "set_policy")
    args = fn.args
    assert [a.arg for a in args.posonlyargs + args.args] == ["self", "sku", "policy"]
    assert not (args.vararg or args.kwarg or args.kwonlyargs or args.defaults), \
        "set_policy must take exactly (sku, policy)"
    note = fn.args.args[-1].annotation
    assert note is not None and ast.unparse(note).strip("'\"") == "ReorderPolicy", \
        "policy must be annotated as ReorderPolicy"


def test_set_policy_reads_the_policy_and_does_not_revalidate():
    fn = method(top_class(tree("inventory/stock.py"), "StockBook"), "set_policy")
    assert not [n for n in ast.walk(fn) if isinstance(n, ast.Raise)], \
        "set_policy must not validate again: ReorderPolicy does"
    reads = {n.attr for n in ast.walk(fn) if isinstance(n, ast.Attribute)
             and isinstance(n.value, ast.Name) and n.value.id == "policy"}
    assert {"reorder_point", "reorder_qty"} <= reads


def test_every_set_policy_call_passes_a_policy():
    tests = [p for p in (ROOT / "tests").glob("test_*.py") if not p.name.startswith("test_goal")]
    for path in [*(ROOT / "inventory").glob("*.py"), *tests]:
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                    and n.func.attr == "set_policy"):
                assert len(n.args) + len(n.keywords) == 2, \
                    f"{path.name}:{n.lineno} calls set_policy the old way"
