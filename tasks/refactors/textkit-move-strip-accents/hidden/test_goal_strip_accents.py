"""Goal checks: read the code as text (never import it). strip_accents is defined once, in
textkit/unicode.py; textkit.slug re-exports it; textkit.case imports it from the new module."""

import ast
from pathlib import Path

ROOT = Path.cwd()


def tree(rel):
    path = ROOT / rel
    assert path.is_file(), f"{rel} does not exist"
    return ast.parse(path.read_text(encoding="utf-8"))


def defines(module, name):
    return any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name
               for n in module.body)


def imports_from(module, name, here):
    """The modules `name` is imported from at the top level of a module (relative imports
    resolved against the package `here`)."""
    out = set()
    for n in module.body:
        if isinstance(n, ast.ImportFrom) and any(a.name == name and a.asname in (None, name)
                                                  for a in n.names):
            mod = n.module or ""
            out.add(f"{here}.{mod}" if n.level == 1 else mod)
    return out


def test_strip_accents_lives_in_the_new_module():
    assert defines(tree("textkit/unicode.py"), "strip_accents")


def test_slug_no_longer_defines_it_but_re_exports_it():
    slug = tree("textkit/slug.py")
    assert not defines(slug, "strip_accents")
    assert imports_from(slug, "strip_accents", "textkit") == {"textkit.unicode"}


def test_case_imports_it_from_the_new_module():
    assert imports_from(tree("textkit/case.py"), "strip_accents", "textkit") == {"textkit.unicode"}


def test_no_other_copy_of_the_body_is_left():
    for path in (ROOT / "textkit").glob("*.py"):
        if path.name == "unicode.py":
            continue
        source = path.read_text(encoding="utf-8")
        assert "unicodedata.combining" not in source, f"{path.name} still holds the body"
