"""Goal checks: read the code as text (never import it). group_by and dedupe no longer build
the key themselves: both call one helper defined in the package, which holds the rule, and
the key-building expression is written once. No module-level import cycle appears."""

import ast
from pathlib import Path

ROOT = Path.cwd()
PKG = ROOT / "pipeline"


def modules():
    return {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PKG.rglob("*.py"))}


def function(rel, name):
    tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            return node
    raise AssertionError(f"{rel} no longer defines {name}")


def gets(node):
    """Calls of `<something>.get(...)` under node."""
    return [n for n in ast.walk(node) if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute) and n.func.attr == "get"]


def called(node):
    out = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Call):
            if isinstance(n.func, ast.Name):
                out.add(n.func.id)
            elif isinstance(n.func, ast.Attribute):
                out.add(n.func.attr)
    return out


def package_definitions():
    """name -> definitions (function or class nodes, at any depth) in the package."""
    out = {}
    for tree in modules().values():
        for n in ast.walk(tree):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                out.setdefault(n.name, []).append(n)
    return out


def test_group_by_and_dedupe_do_not_read_fields_themselves():
    for rel, name in (("pipeline/aggregate.py", "group_by"), ("pipeline/transforms.py", "dedupe")):
        assert not gets(function(rel, name)), f"{name} still reads the key fields itself"


def test_both_use_one_helper_that_holds_the_rule():
    shared = called(function("pipeline/aggregate.py", "group_by")) & \
        called(function("pipeline/transforms.py", "dedupe"))
    defs = package_definitions()
    helpers = [name for name in shared if name in defs
               and any(gets(d) for d in defs[name])]
    assert helpers, "group_by and dedupe do not call a common helper that builds the key"


def test_the_key_is_built_in_one_place():
    places = []
    for path, tree in modules().items():
        for n in ast.walk(tree):
            if isinstance(n, (ast.GeneratorExp, ast.ListComp)):
                targets = {t.id for g in n.generators for t in ast.walk(g.target)
                           if isinstance(t, ast.Name)}
                # x.get(name) for name in <the key fields>: a missing field counts as None
                if any(len(c.args) == 1 and not c.keywords and isinstance(c.args[0], ast.Name)
                       and c.args[0].id in targets for c in gets(n.elt)):
                    places.append(path.name)
            elif isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "map" \
                    and n.args and isinstance(n.args[0], ast.Attribute) and n.args[0].attr == "get":
                places.append(path.name)
    assert len(places) <= 1, f"the key is built in several places: {places}"


def _imports(path, tree):
    """The pipeline modules a module imports when it is loaded (TYPE_CHECKING left out)."""
    package = "pipeline" if path.name == "__init__.py" and path.parent == PKG else \
        ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    out = set()

    def visit(body):
        for n in body:
            if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.dump(n.test):
                visit(n.orelse)
                continue
            if isinstance(n, (ast.If, ast.Try)):
                visit(n.body)
                visit(n.orelse)
                for h in getattr(n, "handlers", []):
                    visit(h.body)
                visit(getattr(n, "finalbody", []))
            elif isinstance(n, ast.Import):
                out.update(a.name for a in n.names)
            elif isinstance(n, ast.ImportFrom):
                base = n.module or ""
                if n.level:
                    parts = package.split(".")[: len(package.split(".")) - n.level + 1]
                    base = ".".join(parts + ([n.module] if n.module else []))
                out.add(base)
                out.update(f"{base}.{a.name}" for a in n.names)

    visit(tree.body)
    return out


def test_no_import_cycle_between_modules():
    names = {}
    for path in modules():
        rel = path.relative_to(ROOT).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        names[".".join(parts)] = path
    graph = {name: {m for m in _imports(path, ast.parse(path.read_text(encoding="utf-8")))
                    if m in names and m != name and not names[m].name == "__init__.py"}
             for name, path in names.items() if path.name != "__init__.py"}
    state = {}

    def walk(node, trail):
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                raise AssertionError("import cycle: " + " -> ".join(trail + [node, nxt]))
            if nxt not in state:
                walk(nxt, trail + [node])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            walk(node, [])
