"""Goal checks: read the code as text (never import it). The readers (and their parsing
imports) have left pipeline/records.py for another module of the package; records.py
re-exports them; the package root imports each name from the module that defines it; and
no module-level import cycle appears between the package's modules."""

import ast
from pathlib import Path

ROOT = Path.cwd()
PKG = ROOT / "pipeline"
READERS = ("read_csv", "read_jsonl", "read_path")


def modules():
    """dotted module name -> (path, tree) for every module of the package."""
    out = {}
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        out[".".join(parts)] = (path, ast.parse(path.read_text(encoding="utf-8")))
    return out


def definers(name):
    """The modules whose top level defines `name` (def, class or assignment)."""
    out = []
    for mod, (_, tree) in modules().items():
        for n in tree.body:
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) \
                    and n.name == name:
                out.append(mod)
            elif isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name
                                                   for t in n.targets):
                out.append(mod)
            elif isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name) \
                    and n.target.id == name:
                out.append(mod)
    return out


def resolve(module_name, node):
    """The absolute module an ImportFrom in `module_name` reads from."""
    if not node.level:
        return node.module or ""
    is_package = modules()[module_name][0].name == "__init__.py"
    parts = module_name.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def top_imports(module_name):
    """name -> module it is imported from, for the module's runtime top-level imports."""
    out = {}
    tree = modules()[module_name][1]
    for n in tree.body:
        if isinstance(n, ast.ImportFrom):
            for a in n.names:
                out[a.asname or a.name] = resolve(module_name, n)
    return out


def test_records_no_longer_defines_the_readers():
    tree = modules()["pipeline.records"][1]
    defined = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    assert not defined & set(READERS), f"records.py still defines {sorted(defined & set(READERS))}"
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not {"csv", "json"} & imported, "records.py still imports the parsers"


def test_each_reader_is_defined_once_elsewhere():
    for name in READERS:
        where = definers(name)
        assert len(where) == 1 and where[0] != "pipeline.records", f"{name} is defined in {where}"


def test_records_re_exports_the_moved_names():
    imports = top_imports("pipeline.records")
    for name in (*READERS, "RecordParseError"):
        if "pipeline.records" in definers(name):
            continue  # still defined here (RecordParseError may stay)
        assert name in imports, f"pipeline.records no longer provides {name}"
        assert imports[name] in definers(name), \
            f"pipeline.records imports {name} from {imports[name]}, not where it is defined"


def test_the_package_root_imports_each_name_from_its_home():
    imports = top_imports("pipeline")
    for name in ("Record", "RecordParseError", "read_csv", "read_jsonl"):
        assert name in imports, f"pipeline/__init__.py no longer imports {name}"
        assert imports[name] in definers(name), \
            f"pipeline/__init__.py imports {name} from {imports[name]}, not where it is defined"


def _runtime_imports(module_name):
    out = set()
    tree = modules()[module_name][1]

    def visit(body):
        for n in body:
            if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.dump(n.test):
                visit(n.orelse)
            elif isinstance(n, (ast.If, ast.Try)):
                visit(n.body)
                visit(n.orelse)
                for h in getattr(n, "handlers", []):
                    visit(h.body)
                visit(getattr(n, "finalbody", []))
            elif isinstance(n, ast.Import):
                out.update(a.name for a in n.names)
            elif isinstance(n, ast.ImportFrom):
                base = resolve(module_name, n)
                out.add(base)
                out.update(f"{base}.{a.name}" for a in n.names)

    visit(tree.body)
    return out


def test_no_import_cycle_between_modules():
    mods = modules()
    packages = {m for m, (p, _) in mods.items() if p.name == "__init__.py"}
    graph = {m: {d for d in _runtime_imports(m) if d in mods and d != m and d not in packages}
             for m in mods if m not in packages}
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
