"""Goal checks: read the code as text (never import it). schedule.ical is a package whose
modules each hold one responsibility: the content-line encoding or the events and export;
each name is defined once; the encoding does not depend on the events; no module of the
package imports the package itself."""

import ast
from pathlib import Path

ROOT = Path.cwd()
PACKAGE = ROOT / "schedule" / "ical"
ENCODING = {"escape_text", "fold_line", "format_datetime", "format_date", "CRLF", "LINE_LIMIT"}
EVENTS = {"Event", "event_lines", "export_calendar"}
ALL = ENCODING | EVENTS | {"rule_to_rrule"}


def modules():
    assert (PACKAGE / "__init__.py").is_file(), "schedule/ical/__init__.py does not exist"
    return {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.glob("*.py"))}


def dotted(path):
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def defined(tree):
    out = set()
    for n in tree.body:
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(n.name)
        elif isinstance(n, ast.Assign):
            out |= {t.id for t in n.targets if isinstance(t, ast.Name)}
        elif isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name):
            out.add(n.target.id)
    return out


def imported_modules(tree, here):
    """Every module a module imports, anywhere in it (relative imports resolved)."""
    out = set()
    package = here if here == "schedule.ical" else here.rsplit(".", 1)[0]
    for n in ast.walk(tree):
        if isinstance(n, ast.Import):
            out |= {a.name for a in n.names}
        elif isinstance(n, ast.ImportFrom):
            if n.level:
                base = package.split(".")
                base = base[: len(base) - (n.level - 1)]
                mod = ".".join(base + ([n.module] if n.module else []))
            else:
                mod = n.module or ""
            out.add(mod)
            out |= {f"{mod}.{a.name}" for a in n.names}
    return out


def test_the_single_module_is_gone():
    assert not (ROOT / "schedule" / "ical.py").exists(), "schedule/ical.py is still there"


def test_every_name_is_defined_exactly_once():
    trees = modules()
    for name in sorted(ALL):
        where = [p.name for p, t in trees.items() if name in defined(t)]
        assert len(where) == 1, f"{name} is defined in {where or 'no module'}"
    for path in (ROOT / "schedule").glob("*.py"):
        stray = defined(ast.parse(path.read_text(encoding="utf-8"))) & ALL
        assert not stray, f"{path.name} defines {sorted(stray)}"


def test_no_module_mixes_the_two_responsibilities():
    for path, tree in modules().items():
        names = defined(tree)
        assert not (names & ENCODING and names & EVENTS), \
            f"{path.name} defines both {sorted(names & ENCODING)} and {sorted(names & EVENTS)}"


def test_the_encoding_does_not_depend_on_the_events():
    trees = modules()
    event_modules = {dotted(p) for p, t in trees.items() if defined(t) & EVENTS}
    for path, tree in trees.items():
        if defined(tree) & ENCODING:
            used = imported_modules(tree, dotted(path))
            assert not used & event_modules, f"{path.name} imports the event code"


def test_no_module_imports_the_package_itself():
    trees = modules()
    submodules = {p.stem for p in trees if p.name != "__init__.py"}
    for path, tree in trees.items():
        if path.name == "__init__.py":
            continue
        for n in tree.body:
            if isinstance(n, ast.ImportFrom):
                absolute = n.level == 0 and n.module == "schedule.ical"
                relative = n.level == 1 and n.module is None
                if absolute or relative:  # `from . import encoding` imports a submodule: fine
                    names = {a.name for a in n.names}
                    assert names <= submodules, f"{path.name} imports from the package itself"
