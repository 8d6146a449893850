"""Goal checks: read the code as text (never import it). In textkit/table.py a column's
alignment is an explicit value (an Enum with LEFT and RIGHT members, or the strings "left"
and "right", e.g. a Literal), not a boolean: no bool parameter, no `right` flag list."""

import ast
from pathlib import Path

ROOT = Path.cwd()
ENUM_BASES = {"Enum", "StrEnum", "IntEnum", "Flag"}


def table():
    return ast.parse((ROOT / "textkit/table.py").read_text(encoding="utf-8"))


def docstrings(module):
    out = set()
    for node in ast.walk(module):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def annotation_names(node):
    if node is None:
        return set()
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | \
        {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def test_no_parameter_is_an_alignment_flag():
    for func in ast.walk(table()):
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            a = func.args
            for p in (*a.posonlyargs, *a.args, *a.kwonlyargs):
                assert p.arg != "right", f"{getattr(func, 'name', 'lambda')} takes a right flag"
                assert "bool" not in annotation_names(p.annotation), \
                    f"{getattr(func, 'name', 'lambda')}({p.arg}: bool) is still a flag"


def test_no_right_flag_list_is_built():
    for node in ast.walk(table()):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            assert node.id != "right", "format_table still builds a `right` list of flags"


def test_left_and_right_are_explicit_values():
    module = table()
    enums = [n for n in ast.walk(module) if isinstance(n, ast.ClassDef) and any(
        (isinstance(b, ast.Name) and b.id in ENUM_BASES)
        or (isinstance(b, ast.Attribute) and b.attr in ENUM_BASES) for b in n.bases)]
    for cls in enums:
        members = {t.id.upper() for n in cls.body if isinstance(n, ast.Assign)
                   for t in n.targets if isinstance(t, ast.Name)}
        if {"LEFT", "RIGHT"} <= members:
            return
    skip = docstrings(module)
    strings = {n.value.lower() for n in ast.walk(module) if isinstance(n, ast.Constant)
               and isinstance(n.value, str) and id(n) not in skip}
    assert {"left", "right"} <= strings, "no explicit LEFT/RIGHT alignment values"
