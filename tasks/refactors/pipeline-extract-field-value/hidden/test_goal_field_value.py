"""Goal checks: read the code as text (never import it). The per-field part of
Schema.validate (missing, null, coercion) lives in Field.value_from; Schema.validate calls it
and keeps only the loop and the handling of extra keys; nothing of the per-field logic is
left twice."""

import ast
from pathlib import Path

ROOT = Path.cwd()
MESSAGES = ("is required", "must not be null")


def module():
    return ast.parse((ROOT / "pipeline/schema.py").read_text(encoding="utf-8"))


def method(tree, cls, name):
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == cls:
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == name:
                    return item
    return None


def strings(node):
    """The string constants of the code under `node` (docstrings left out)."""
    docs = set()
    for n in ast.walk(node):
        if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) \
                and n.body and isinstance(n.body[0], ast.Expr) \
                and isinstance(n.body[0].value, ast.Constant):
            docs.add(id(n.body[0].value))
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant)
            and isinstance(n.value, str) and id(n) not in docs]


def names(node):
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | \
        {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}


def test_field_has_value_from_taking_a_record():
    fn = method(module(), "Field", "value_from")
    assert fn is not None, "Field.value_from is not defined"
    assert [a.arg for a in fn.args.args] == ["self", "record"]


def test_field_value_from_holds_the_per_field_logic():
    fn = method(module(), "Field", "value_from")
    texts = " ".join(strings(fn))
    for message in MESSAGES:
        assert message in texts, f"Field.value_from does not raise {message!r}"
    assert "COERCERS" in names(fn)


def test_schema_validate_calls_it_and_keeps_no_per_field_logic():
    fn = method(module(), "Schema", "validate")
    assert "value_from" in names(fn), "Schema.validate does not call value_from"
    assert not {"COERCERS", "_MISSING", "required", "nullable", "default"} & names(fn)
    texts = strings(fn)
    for message in MESSAGES:
        assert not any(message in t for t in texts), f"Schema.validate still has {message!r}"
    assert not any(t.startswith("expected ") for t in texts), \
        "Schema.validate still builds the coercion error"


def test_each_message_is_written_once():
    texts = strings(module())
    for message in MESSAGES:
        assert sum(message in t for t in texts) == 1, f"{message!r} appears more than once"
