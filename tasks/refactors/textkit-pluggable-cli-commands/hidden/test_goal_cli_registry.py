"""Goal checks: read the code as text (never import it). The subcommands of textkit/cli.py
are declared as data (one entry per command, however the registry is shaped) and
build_parser builds them in one loop: add_parser is called once, and build_parser itself
names no command and picks no handler."""

import ast
from pathlib import Path

ROOT = Path.cwd()
NAMES = {"stats", "top", "slug", "table", "render"}


def cli():
    return ast.parse((ROOT / "textkit/cli.py").read_text(encoding="utf-8"))


def calls(node, attr):
    return [c for c in ast.walk(node) if isinstance(c, ast.Call)
            and isinstance(c.func, ast.Attribute) and c.func.attr == attr]


def build_parser(module):
    found = [n for n in module.body if isinstance(n, ast.FunctionDef) and n.name == "build_parser"]
    assert found, "no build_parser in cli.py"
    return found[0]


def strings(node):
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant)
            and isinstance(n.value, str)]


def test_subparsers_are_added_in_one_place():
    found = calls(cli(), "add_parser")
    assert len(found) == 1, f"add_parser is called {len(found)} times"


def test_build_parser_names_no_command():
    func = build_parser(cli())
    named = NAMES & set(strings(func))
    assert not named, f"build_parser still names {sorted(named)}"
    handlers = {n.id for n in ast.walk(func) if isinstance(n, ast.Name) and n.id.startswith("_cmd_")}
    assert not handlers, f"build_parser still picks {sorted(handlers)}"
