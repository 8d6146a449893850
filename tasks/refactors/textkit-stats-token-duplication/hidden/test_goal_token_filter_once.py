"""Goal checks: read the code as text (never import it). The rule for which words the word
statistics count (the lower-cased words, filtered by `min_length`) is written once in
textkit/stats.py, whatever shape the shared code takes (helper, reuse of another function)."""

import ast
from pathlib import Path

ROOT = Path.cwd()


def stats():
    return ast.parse((ROOT / "textkit/stats.py").read_text(encoding="utf-8"))


def mentions(node, name):
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node))


def test_the_min_length_comparison_is_written_once():
    compares = [n for n in ast.walk(stats()) if isinstance(n, ast.Compare)
                and mentions(n, "min_length")]
    assert len(compares) <= 1, f"min_length is compared in {len(compares)} places"


def test_the_word_statistics_tokenise_in_one_place():
    module = stats()
    tokenising = []
    for func in module.body:
        if isinstance(func, ast.FunctionDef) and func.name != "compute_stats":
            tokenising += [func.name for c in ast.walk(func) if isinstance(c, ast.Call)
                           and isinstance(c.func, ast.Name) and c.func.id == "words"]
    assert len(tokenising) <= 1, f"words() is called by {tokenising}"


def test_the_public_functions_are_still_defined_in_stats():
    names = {n.name for n in stats().body if isinstance(n, ast.FunctionDef)}
    assert {"word_frequencies", "top_words", "average_word_length",
            "lexical_diversity", "compute_stats"} <= names
