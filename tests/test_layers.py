"""Data flows one way through evals/ (docs/design.md section 3): no import cycle anywhere, and
the layer contract in pyproject.toml holds. Imports inside functions count: a lazy import that
closes a circle is still a circle."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

PROJECT = Path(__file__).resolve().parent.parent


def cycles(graph: grimp.ImportGraph) -> set[tuple[str, ...]]:
    """Every import cycle, as the module chain that closes it (a -> b -> ... -> a)."""
    found = set()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back:
                chain = (module, *back)
                start = chain.index(min(chain[:-1]))  # one rotation per cycle
                found.add(chain[start:-1] + chain[:start] + (chain[start],))
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    g = grimp.ImportGraph()
    for a, b in (("p.cli", "p.run"), ("p.run", "p.budget"), ("p.budget", "p.cli"),
                 ("p.run", "p.logs")):
        g.add_import(importer=a, imported=b)
    assert cycles(g) == {("p.budget", "p.cli", "p.run", "p.budget")}


def test_no_import_cycle_in_evals() -> None:
    graph = grimp.build_graph("evals", exclude_type_checking_imports=True)
    assert len(graph.modules) > 30
    assert cycles(graph) == set()


@pytest.mark.skipif(shutil.which("lint-imports", path=str(Path(sys.executable).parent)) is None
                    and shutil.which("lint-imports") is None,
                    reason="import-linter is not installed")
def test_the_layer_contract_holds() -> None:
    exe = (shutil.which("lint-imports", path=str(Path(sys.executable).parent))
           or shutil.which("lint-imports"))
    r = subprocess.run([exe, "--no-cache"], cwd=PROJECT, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stdout[-3000:]
    assert "1 kept, 0 broken" in r.stdout
