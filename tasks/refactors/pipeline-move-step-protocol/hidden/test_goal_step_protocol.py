"""Goal checks: read the code as text (never import it). `Step` and `chain` live in
pipeline/steps.py; transforms.py imports them from there (re-export) and defines neither;
aggregate.py and runner.py take `Step` from the new module and no longer import transforms."""

import ast
from pathlib import Path

ROOT = Path.cwd()


def tree(rel):
    path = ROOT / rel
    assert path.is_file(), f"{rel} does not exist"
    return ast.parse(path.read_text(encoding="utf-8"))


def top_level_names(module):
    out = set()
    for n in module.body:
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(n.name)
        elif isinstance(n, ast.Assign):
            out.update(t.id for t in n.targets if isinstance(t, ast.Name))
        elif isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name):
            out.add(n.target.id)
        elif type(n).__name__ == "TypeAlias":
            out.add(n.name.id)
    return out


def imported_from(module, name):
    """The modules `name` is imported from at the top level (relative imports resolved)."""
    out = set()
    for n in module.body:
        if isinstance(n, ast.ImportFrom) and any(a.name == name and a.asname in (None, name)
                                                  for a in n.names):
            out.add(f"pipeline.{n.module}" if n.level == 1 else n.module or "")
    return out


def imported_modules(module):
    out = set()
    for n in ast.walk(module):
        if isinstance(n, ast.ImportFrom):
            base = f"pipeline.{n.module}" if n.level == 1 and n.module else n.module or ""
            out.add(base)
            if base == "pipeline" or n.level == 1 and not n.module:
                out.update(f"pipeline.{a.name}" for a in n.names)
        elif isinstance(n, ast.Import):
            out.update(a.name for a in n.names)
    return out


def test_the_new_module_defines_step_and_chain():
    names = top_level_names(tree("pipeline/steps.py"))
    assert {"Step", "chain"} <= names


def test_transforms_re_exports_them_without_defining_them():
    transforms = tree("pipeline/transforms.py")
    assert not {"Step", "chain"} & top_level_names(transforms)
    assert imported_from(transforms, "Step") == {"pipeline.steps"}
    assert imported_from(transforms, "chain") == {"pipeline.steps"}


def test_runner_and_aggregate_take_step_from_the_new_module():
    for rel in ("pipeline/runner.py", "pipeline/aggregate.py"):
        module = tree(rel)
        assert imported_from(module, "Step") == {"pipeline.steps"}, rel
        assert "pipeline.transforms" not in imported_modules(module), f"{rel} imports transforms"


def test_no_other_copy_of_chain_is_left():
    for path in (ROOT / "pipeline").glob("*.py"):
        if path.name == "steps.py":
            continue
        assert "for inner in steps" not in path.read_text(encoding="utf-8"), \
            f"{path.name} still holds the body of chain"
