"""Mutants of chosen definitions, with the operators of mutmut (docs/design.md section 5).

How adequate a task's hidden tests are is measured, not hoped: `validate mutation=true` makes
every mutant of the lines the reference changed and runs the hidden tests against each; the
test-writing suite judges a model's tests by the same machinery.

The operators are mutmut's own (`mutmut.mutation.mutators.mutation_operators`: numbers, strings,
names such as True/False/None, comparison and arithmetic and boolean operators, assignments,
augmented assignments, unary operators, call arguments, string method swaps such as
partition/rpartition and lower/upper, lambdas, conditional expressions, keywords such as
break/continue). mutmut is chosen over cosmic-ray because it works on libcst trees (a mutant is
the original file with one node changed, formatting kept) and its operators are plain functions
of a node; its runner, which rewrites the project with trampolines and needs its own
configuration, is not used. The operator list is internal to mutmut, so the version is pinned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider


@dataclass(frozen=True)
class Mutant:
    path: str  # the file, relative to the repo root
    line: int  # where the mutated node starts
    original: str  # the node's source, and what it became
    mutated: str
    source: str  # the whole mutated file

    @property
    def id(self) -> str:
        """Stable and readable: how task.yaml names an equivalent mutant."""
        return f"{self.path}:{self.line}: {_short(self.original)} -> {_short(self.mutated)}"


def _short(code: str) -> str:
    one = " ".join(code.split())
    return one if len(one) <= 60 else one[:57] + "..."


def _is_docstring(node: cst.CSTNode) -> bool:
    return (isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1
            and isinstance(node.body[0], cst.Expr)
            and isinstance(node.body[0].value, (cst.SimpleString, cst.ConcatenatedString)))


class _Collect(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, lines: set[int], operators: Iterable[tuple[type, object]]) -> None:
        super().__init__()
        self.lines = lines
        self.operators = list(operators)
        self.found: list[tuple[cst.CSTNode, cst.CSTNode, int]] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        # annotations, docstrings and imports: mutants there say nothing about behaviour
        if isinstance(node, (cst.Annotation, cst.Import, cst.ImportFrom)) or _is_docstring(node):
            return False
        pos = self.get_metadata(PositionProvider, node, None)
        if pos is not None and pos.start.line in self.lines:
            for kind, operator in self.operators:
                if isinstance(node, kind):
                    for mutated in operator(node):  # type: ignore[operator]
                        self.found.append((node, mutated, pos.start.line))
        return True


def mutants(path: str, source: str, lines: set[int]) -> list[Mutant]:
    """Every mutant of the nodes that start on `lines` of `source`, one node changed each;
    mutants that do not parse or equal the original (or each other) are left out."""
    from mutmut.mutation.mutators import mutation_operators

    try:
        wrapper = MetadataWrapper(cst.parse_module(source))
    except cst.ParserSyntaxError:
        return []
    visitor = _Collect(lines, mutation_operators)
    wrapper.visit(visitor)
    module = wrapper.module
    out: dict[str, Mutant] = {}
    for node, mutated, line in visitor.found:
        code = module.deep_replace(node, mutated).code  # type: ignore[union-attr]
        if code == source or code in out:
            continue
        try:
            compile(code, path, "exec")
        except (SyntaxError, ValueError):
            continue
        out[code] = Mutant(path, line, module.code_for_node(node),
                           module.code_for_node(mutated), code)
    return list(out.values())
