"""Goal checks: read the code as text (never import it). textkit/cli.py keeps the argparse
plumbing only (build_parser, main): it no longer reads input, parses CSV or calls the library
functions the commands use; those live, once, in another module of textkit/, which does not
import textkit.cli back."""

import ast
from pathlib import Path

ROOT = Path.cwd()
LIBRARY = {"textkit.stats", "textkit.table", "textkit.template", "textkit.slug", "csv"}
COMMAND_CALLS = {"compute_stats", "top_words", "slugify", "format_table", "render"}


def parse(path):
    return ast.parse(path.read_text(encoding="utf-8"))


def imported_modules(module, package="textkit"):
    out = set()
    for n in ast.walk(module):
        if isinstance(n, ast.Import):
            out.update(a.name for a in n.names)
        elif isinstance(n, ast.ImportFrom):
            base = n.module or ""
            if n.level:
                base = f"{package}.{base}" if base else package
            out.add(base)
            out.update(f"{base}.{a.name}" for a in n.names)
    return out


def called_names(module):
    return {c.func.id if isinstance(c.func, ast.Name) else c.func.attr
            for c in ast.walk(module) if isinstance(c, ast.Call)
            and isinstance(c.func, (ast.Name, ast.Attribute))}


def other_modules():
    return {p: parse(p) for p in sorted((ROOT / "textkit").rglob("*.py"))
            if p.relative_to(ROOT).as_posix() != "textkit/cli.py"}


def test_cli_still_defines_the_front_end():
    names = {n.name for n in parse(ROOT / "textkit/cli.py").body if isinstance(n, ast.FunctionDef)}
    assert {"build_parser", "main"} <= names


def test_cli_no_longer_imports_what_the_commands_use():
    found = imported_modules(parse(ROOT / "textkit/cli.py")) & LIBRARY
    assert not found, f"cli.py still imports {sorted(found)}"


def test_cli_no_longer_does_the_commands_work():
    cli = parse(ROOT / "textkit/cli.py")
    assert not called_names(cli) & (COMMAND_CALLS | {"open", "reader"})
    assert not any(isinstance(n, ast.Attribute) and n.attr == "stdin" for n in ast.walk(cli)), \
        "cli.py still reads standard input"


def test_each_command_body_lives_once_in_another_module():
    modules = other_modules()
    callers = {name: [p.name for p, m in modules.items() if name in called_names(m)
                      and p.name not in ("stats.py", "template.py", "slug.py", "table.py")]
               for name in COMMAND_CALLS}
    for name, where in callers.items():
        assert len(where) == 1, f"{name}() is called from {where or 'no module'}"


def test_no_module_imports_cli_back():
    for path, module in other_modules().items():
        # `import textkit.cli`, `from textkit.cli import x`, `from textkit import cli`,
        # `from . import cli` and `from .cli import x`, at any depth
        assert "textkit.cli" not in imported_modules(module), \
            f"{path.relative_to(ROOT)} imports textkit.cli: an import cycle"
