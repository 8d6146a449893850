"""Goal checks: read the code as text (never import it). The class is called `Aggregation`,
the name `Agg` is gone everywhere (no alias, no annotation or docstring left behind), and the
tests use the new name."""

import ast
import re
from pathlib import Path

ROOT = Path.cwd()
OLD = re.compile(r"\bAgg\b")


def source(rel):
    return (ROOT / rel).read_text(encoding="utf-8")


def test_the_class_is_called_aggregation():
    tree = ast.parse(source("pipeline/aggregate.py"))
    classes = {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    assert "Aggregation" in classes
    assert "Agg" not in classes


def test_no_alias_is_kept():
    tree = ast.parse(source("pipeline/aggregate.py"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            assert not any(isinstance(t, ast.Name) and t.id == "Agg" for t in targets), \
                "Agg is kept as an alias"


def test_the_old_name_is_gone_from_the_package():
    for path in sorted((ROOT / "pipeline").glob("*.py")):
        left = OLD.findall(path.read_text(encoding="utf-8"))
        assert not left, f"{path.name} still says Agg"


def test_the_tests_use_the_new_name():
    for rel in ("tests/test_aggregate.py", "tests/test_runner.py"):
        text = source(rel)
        assert not OLD.search(text), f"{rel} still says Agg"
        assert "Aggregation(" in text, f"{rel} does not use Aggregation"
