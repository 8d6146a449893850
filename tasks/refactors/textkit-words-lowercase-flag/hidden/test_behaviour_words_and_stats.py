"""Behaviour that must be the same before and after the flag is replaced: words() as it was
without the flag, and every statistic built on the lower-cased words. Only names public on
both sides (`words` called without `lowercase`, the stats functions, the CLI)."""

import pytest

from textkit.cli import main
from textkit.stats import (
    TextStats,
    average_word_length,
    compute_stats,
    lexical_diversity,
    top_words,
    word_frequencies,
)
from textkit.tokenize import words


@pytest.mark.parametrize(("text", "want"), [
    ("Don't panic, Arthur!", ["Don't", "panic", "Arthur"]),
    ("O\u2019Neil's CAT", ["O\u2019Neil's", "CAT"]),
    ("Snake_Case and HTTP2", ["Snake", "Case", "and", "HTTP2"]),
    ("Ünïcödé Straße ÉCOLE", ["Ünïcödé", "Straße", "ÉCOLE"]),
    ("'quoted' -- 'words'", ["quoted", "words"]),
    ("", []),
    ("... !!! ___", []),
])
def test_words_keeps_the_case_it_finds(text, want):
    assert words(text) == want


def test_words_by_keyword():
    assert words(text="A b") == ["A", "b"]


def test_word_frequencies_lower_cases_but_does_not_fold():
    counts = word_frequencies("The THE the Straße STRASSE strasse ÉCOLE école")
    assert counts == {"the": 3, "straße": 1, "strasse": 2, "école": 2}


def test_word_frequencies_min_length_counts_the_lower_cased_word():
    # "İ" lower-cases to two characters ("i" and a combining dot)
    assert word_frequencies("İ a bb", min_length=2) == {"i\u0307": 1, "bb": 1}
    assert word_frequencies("a bb ccc", min_length=3) == {"ccc": 1}
    assert word_frequencies("", min_length=1) == {}


def test_top_words_ties_keep_first_appearance_after_lower_casing():
    assert top_words("b A a B c", None) == [("b", 2), ("a", 2), ("c", 1)]
    assert top_words("Dog cat DOG Cat bird", 2) == [("dog", 2), ("cat", 2)]
    assert top_words("x", 0) == []


def test_average_word_length():
    assert average_word_length("ab ABCD") == pytest.approx(3.0)
    assert average_word_length("a bb CCCC", min_length=2) == pytest.approx(3.0)
    assert average_word_length("a b", min_length=2) == 0.0
    assert average_word_length("") == 0.0


def test_lexical_diversity_ignores_case():
    assert lexical_diversity("Tree tree TREE bush") == pytest.approx(0.5)
    assert lexical_diversity("a A bb BB cc", min_length=2) == pytest.approx(2 / 3)
    assert lexical_diversity("a", min_length=2) == 0.0


def test_compute_stats_counts_words_without_lower_casing_them():
    text = "Hello, World. hello world!\n"
    assert compute_stats(text) == TextStats(lines=1, words=4, chars=len(text), sentences=2)


def test_cli_top_ranks_case_insensitively(tmp_path, capsys):
    path = tmp_path / "in.txt"
    path.write_text("Apple apple APPLE pear Pear kiwi", encoding="utf-8")
    assert main(["top", str(path), "-n", "2", "--min-length", "4"]) == 0
    assert capsys.readouterr().out == "word   count\n-----  -----\napple      3\npear       2\n"
