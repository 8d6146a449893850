"""Goal checks: read the code as text (never import it). read_path no longer knows any file
type: it names no suffix and no reader and branches on no string; the built-in suffixes are
written once, where they are registered; register_reader is defined in (or imported into)
pipeline/records.py."""

import ast
from pathlib import Path

ROOT = Path.cwd()


def tree(rel):
    return ast.parse((ROOT / rel).read_text(encoding="utf-8"))


def function(module, name):
    for node in module.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            return node
    return None


def code_strings(node):
    """String constants of the code under `node`, docstrings left out."""
    docs = set()
    for n in ast.walk(node):
        if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) \
                and n.body and isinstance(n.body[0], ast.Expr) \
                and isinstance(n.body[0].value, ast.Constant):
            docs.add(id(n.body[0].value))
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant)
            and isinstance(n.value, str) and id(n) not in docs]


def test_register_reader_is_available_from_records():
    records = tree("pipeline/records.py")
    defined = function(records, "register_reader") is not None
    imported = any(isinstance(n, ast.ImportFrom) and any(a.name == "register_reader"
                                                         for a in n.names)
                   for n in records.body)
    assert defined or imported, "pipeline/records.py has no register_reader"


def test_read_path_knows_no_file_type():
    fn = function(tree("pipeline/records.py"), "read_path")
    assert fn is not None, "read_path is gone from pipeline/records.py"
    strings = code_strings(fn)
    assert not [s for s in strings if s.startswith(".")], f"read_path names suffixes: {strings}"
    names = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name)}
    assert not {"read_csv", "read_jsonl"} & names, "read_path still names the readers"
    for n in ast.walk(fn):
        if isinstance(n, ast.Compare):
            for side in (n.left, *n.comparators):
                assert not (isinstance(side, ast.Constant) and isinstance(side.value, str)), \
                    "read_path compares against a string"
                assert not isinstance(side, (ast.Set, ast.Tuple, ast.List)), \
                    "read_path checks membership in a literal"


def test_each_built_in_suffix_is_written_once():
    counts = {".csv": 0, ".jsonl": 0}
    for path in (ROOT / "pipeline").rglob("*.py"):
        for s in code_strings(ast.parse(path.read_text(encoding="utf-8"))):
            if s.lower() in counts:
                counts[s.lower()] += 1
    assert counts == {".csv": 1, ".jsonl": 1}, f"built-in suffixes written {counts} times"
