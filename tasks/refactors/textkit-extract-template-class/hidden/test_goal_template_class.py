"""Goal checks: read the code as text (never import it). textkit/template.py has a Template
class that scans and renders; render() and variables() are one-line wrappers over it, with
no copy of their old bodies left."""

import ast
from pathlib import Path

ROOT = Path.cwd()


def tree():
    path = ROOT / "textkit/template.py"
    assert path.is_file()
    return ast.parse(path.read_text(encoding="utf-8"))


def top(module, name, kind):
    found = [n for n in module.body if isinstance(n, kind) and n.name == name]
    assert found, f"no module-level {name}"
    return found[0]


def without_docstring(body):
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        return body[1:]
    return body


def names_used(node):
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def test_template_class_has_the_two_methods():
    cls = top(tree(), "Template", ast.ClassDef)
    methods = {n.name for n in cls.body if isinstance(n, ast.FunctionDef)}
    assert {"variables", "render"} <= methods


def test_the_module_functions_are_wrappers_over_the_class():
    module = tree()
    for name in ("variables", "render"):
        body = without_docstring(top(module, name, ast.FunctionDef).body)
        assert len(body) == 1 and isinstance(body[0], ast.Return), \
            f"{name}() should only return what the Template method returns"
        assert "Template" in names_used(body[0]), f"{name}() does not use Template"


def test_scanning_lives_in_the_class_not_in_the_functions():
    module = tree()
    assert "_PLACEHOLDER_RE" in names_used(top(module, "Template", ast.ClassDef))
    for name in ("variables", "render"):
        used = names_used(top(module, name, ast.FunctionDef))
        assert not used & {"_PLACEHOLDER_RE", "FILTERS", "_parse"}, \
            f"{name}() still holds its old body"
