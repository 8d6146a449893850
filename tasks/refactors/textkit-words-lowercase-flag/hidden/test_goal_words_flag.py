"""Goal checks: read the code as text (never import it). words() has lost its `lowercase`
flag, lower_words() lives beside it in textkit/tokenize.py, and every caller that passed
the flag (three stats functions, one visible test) calls lower_words() instead."""

import ast
from pathlib import Path

ROOT = Path.cwd()


def tree(rel):
    path = ROOT / rel
    assert path.is_file(), f"{rel} does not exist"
    return ast.parse(path.read_text(encoding="utf-8"))


def function(module, name):
    found = [n for n in module.body if isinstance(n, ast.FunctionDef) and n.name == name]
    assert found, f"no module-level function {name}"
    return found[0]


def params(func):
    a = func.args
    return [p.arg for p in (*a.posonlyargs, *a.args, *a.kwonlyargs)] + \
        [p.arg for p in (a.vararg, a.kwarg) if p is not None]


def calls(node, name):
    return [c for c in ast.walk(node) if isinstance(c, ast.Call) and (
        (isinstance(c.func, ast.Name) and c.func.id == name)
        or (isinstance(c.func, ast.Attribute) and c.func.attr == name))]


def test_words_has_no_flag_any_more():
    assert params(function(tree("textkit/tokenize.py"), "words")) == ["text"]


def test_lower_words_is_defined_next_to_words():
    assert params(function(tree("textkit/tokenize.py"), "lower_words")) == ["text"]


def test_no_caller_passes_the_flag():
    for folder in ("textkit", "tests"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            module = ast.parse(path.read_text(encoding="utf-8"))
            for call in ast.walk(module):
                if isinstance(call, ast.Call):
                    assert "lowercase" not in {k.arg for k in call.keywords}, \
                        f"{path.relative_to(ROOT)} still passes lowercase="


def reaches(module, func, name, seen=()):
    """Whether `func` calls `name`, directly or through other functions of its module."""
    if calls(func, name):
        return True
    local = {n.name: n for n in module.body if isinstance(n, ast.FunctionDef)}
    seen = (*seen, func.name)
    return any(reaches(module, local[c.func.id], name, seen)
               for c in ast.walk(func) if isinstance(c, ast.Call)
               and isinstance(c.func, ast.Name) and c.func.id in local and c.func.id not in seen)


def test_the_stats_functions_use_lower_words():
    stats = tree("textkit/stats.py")
    for name in ("word_frequencies", "average_word_length", "lexical_diversity"):
        assert reaches(stats, function(stats, name), "lower_words"), \
            f"{name} does not use lower_words"


def test_the_visible_test_uses_lower_words():
    assert calls(tree("tests/test_tokenize.py"), "lower_words")
