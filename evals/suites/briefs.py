"""Briefs (docs/design.md section 9): the same request as a scoped ticket, as a busy person
writes it. A suite with briefs (tickets, refactors) checks each one with `brief_check`.

A brief is short (at most two sentences and 60 words, no code block, under half its
ticket) and states no acceptance criterion the ticket gives. The simple, checkable form of the
second rule: the brief contains no literal of the hidden tests that is new, i.e. a string or a
number the tests check that the untouched repo does not already hold (an error message, an
expected value). Names are not criteria: a brief may name the function or the command-line
option to add.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from pathlib import Path

from evals.suites.base import StaticCheck

MAX_WORDS = 60
MAX_SENTENCES = 2
# a sentence ends at . ! or ? before a capital (or the end); "e.g." and "i.e." do not end one
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)[.!?](?=\s+[A-Z(\"']|\s*$)")
MIN_LITERAL = 4  # shorter strings ('id', 'x') are everywhere in prose
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")
_OPTION = re.compile(r"--?[A-Za-z][A-Za-z0-9_-]*")  # a command-line option: a name too
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.]*\w)")
_REGEX_ESCAPE = re.compile(r"\\(.)")


def _strings(tree: ast.AST) -> Iterable[str]:
    """String constants, f-strings' literal parts included."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def _numbers(tree: ast.AST) -> Iterable[float]:
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, (int, float))
                and not isinstance(node.value, bool)):
            yield float(node.value)


def _code_names(sources: Iterable[str]) -> set[str]:
    """Every name the code defines or uses: definitions, parameters, attributes, names, keyword
    arguments, and strings that are names (a registry key, a JSON field, a property); the
    reference's code, so a new function's name counts."""
    names: set[str] = set()
    for src in sources:
        try:
            tree = ast.parse(src)
        except (SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.Name):
                names.add(node.id)
            elif isinstance(node, ast.keyword) and node.arg:
                names.add(node.arg)
            elif isinstance(node, ast.alias):
                names.update(node.name.split("."))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                # a key the code looks up or writes: "count_distinct", f"EXDATE:{...}"
                names.update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", node.value))
    return names


def _plain(literal: str) -> str:
    """A `match=` pattern as the text it matches: anchors and escapes gone."""
    s = literal.strip()
    s = s.removeprefix("^").removesuffix("$")
    return _REGEX_ESCAPE.sub(r"\1", s).strip()


def new_literals(tests: list[Path], repo: dict[str, bytes], reference: dict[str, bytes]
                 ) -> tuple[set[str], set[float]]:
    """The strings and numbers of the hidden tests that the untouched repo does not hold (and,
    for strings, that do not name code of the reference): the criteria only the ticket gives."""
    repo_text = "\n".join(b.decode("utf-8", "replace") for b in repo.values())
    ref_sources = [b.decode("utf-8", "replace") for p, b in reference.items() if p.endswith(".py")]
    names = _code_names(ref_sources)
    ref_text = "\n".join(ref_sources)
    repo_numbers: set[float] = set()
    for src in (b.decode("utf-8", "replace") for p, b in repo.items() if p.endswith(".py")):
        try:
            repo_numbers.update(_numbers(ast.parse(src)))
        except (SyntaxError, ValueError):
            continue
    strings: set[str] = set()
    numbers: set[float] = set()
    for test in tests:
        try:
            tree = ast.parse(test.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
            continue
        for raw in _strings(tree):
            for s in {raw.strip(), _plain(raw)}:
                if len(s) < MIN_LITERAL or s in repo_text:
                    continue
                if _NAME.fullmatch(s) and all(part in names for part in s.split(".")):
                    continue
                if _OPTION.fullmatch(s) and (f'"{s}"' in ref_text or f"'{s}'" in ref_text):
                    continue
                strings.add(s)
        for n in _numbers(tree):
            # small whole numbers are how prose counts ("two keys"); the rest are values
            if (n != int(n) or abs(n) >= 100) and n not in repo_numbers:
                numbers.add(n)
    return strings, numbers


def _contains(text: str, literal: str) -> bool:
    left = r"(?<!\w)" if literal[0].isalnum() or literal[0] == "_" else ""
    right = r"(?!\w)" if literal[-1].isalnum() or literal[-1] == "_" else ""
    return re.search(left + re.escape(literal) + right, text) is not None


def brief_problems(brief: str, ticket: str, tests: list[Path], repo: dict[str, bytes],
                   reference: dict[str, bytes]) -> list[str]:
    """What is wrong with a brief (nothing: an empty list)."""
    problems = []
    words = len(brief.split())
    if not brief.strip():
        return ["empty"]
    if words > MAX_WORDS:
        problems.append(f"{words} words (at most {MAX_WORDS})")
    sentences = max(1, len(_SENTENCE_END.findall(brief.strip())))
    if sentences > MAX_SENTENCES:
        problems.append(f"{sentences} sentences (at most {MAX_SENTENCES})")
    if "```" in brief:
        problems.append("a code block")
    if len(brief) >= len(ticket) // 2:
        problems.append(f"{len(brief)} characters, not under half the ticket's {len(ticket)}")
    strings, numbers = new_literals(tests, repo, reference)
    said = sorted(s for s in strings if _contains(brief, s))
    said += sorted(m.group(0) for m in _NUMBER.finditer(brief) if float(m.group(0)) in numbers)
    if said:
        problems.append("states the hidden tests' literals " + ", ".join(repr(s) for s in said))
    return problems


def brief_check(brief: str, ticket: str, tests: list[Path], repo: dict[str, bytes],
                reference: dict[str, bytes]) -> StaticCheck:
    problems = brief_problems(brief, ticket, tests, repo, reference)
    return StaticCheck("brief", f"<= {MAX_SENTENCES} sentences and {MAX_WORDS} words, no code, "
                                "under half the ticket, no literal of the hidden tests",
                       "; ".join(problems) or f"{len(brief.split())} words", not problems)
