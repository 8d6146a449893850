"""Goal checks: read the code as text (never import it). normalise_whitespace is renamed to
collapse_whitespace everywhere: defined under the new name, no alias or wrapper of the old
name left, and every caller (the squash filter, the tests) uses the new name."""

import ast
from pathlib import Path

ROOT = Path.cwd()
OLD, NEW = "normalise_whitespace", "collapse_whitespace"


def tree(rel):
    path = ROOT / rel
    assert path.is_file(), f"{rel} does not exist"
    return ast.parse(path.read_text(encoding="utf-8"))


def bound_names(module):
    """Names defined or bound at the top level of a module (defs, assignments, imports)."""
    out = set()
    for n in module.body:
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(n.name)
        elif isinstance(n, ast.Assign):
            out.update(t.id for t in n.targets if isinstance(t, ast.Name))
        elif isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name):
            out.add(n.target.id)
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            out.update((a.asname or a.name).split(".")[0] for a in n.names)
    return out


def mentions(module, name):
    for n in ast.walk(module):
        if (isinstance(n, ast.Name) and n.id == name) or \
                (isinstance(n, ast.Attribute) and n.attr == name) or \
                (isinstance(n, ast.alias) and name in (n.name, n.asname)) or \
                (isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name):
            return True
    return False


def test_slug_defines_the_new_name_only():
    slug = tree("textkit/slug.py")
    funcs = {n.name for n in slug.body if isinstance(n, ast.FunctionDef)}
    assert NEW in funcs
    assert OLD not in bound_names(slug), "the old name is still defined (no alias or wrapper)"


def test_the_filters_use_the_new_name():
    template = tree("textkit/template.py")
    filters = next(n for n in template.body if isinstance(n, (ast.Assign, ast.AnnAssign))
                   and "FILTERS" in {t.id for t in (n.targets if isinstance(n, ast.Assign)
                                                    else [n.target]) if isinstance(t, ast.Name)})
    assert any(isinstance(v, ast.Name) and v.id == NEW for v in filters.value.values)


def test_tests_use_the_new_name():
    assert mentions(tree("tests/test_slug.py"), NEW)


def test_old_name_is_gone_everywhere():
    for folder in ("textkit", "tests"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            assert not mentions(tree(rel), OLD), f"{rel} still uses {OLD}"
