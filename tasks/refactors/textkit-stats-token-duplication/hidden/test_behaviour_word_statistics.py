"""Behaviour that must be the same however the duplicated token filtering is merged: which
words the four word statistics count (lower-cased, `min_length` measured on the lower-cased
word, every occurrence), and their exact results, zero cases and ties included."""

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

TEXT = "The cat and THE hat. A cat! Don't stop, don't."


def test_word_frequencies():
    assert word_frequencies(TEXT) == {"the": 2, "cat": 2, "and": 1, "hat": 1, "a": 1,
                                      "don't": 2, "stop": 1}
    assert word_frequencies(TEXT, min_length=4) == {"don't": 2, "stop": 1}
    assert list(word_frequencies("b a b")) == ["b", "a"]  # first appearance order
    assert word_frequencies("") == {}


@pytest.mark.parametrize("min_length", [0, -3, 1])
def test_min_length_below_two_keeps_every_word(min_length):
    assert word_frequencies("a bb a", min_length=min_length) == {"a": 2, "bb": 1}
    assert average_word_length("a bb a", min_length=min_length) == pytest.approx(4 / 3)
    assert lexical_diversity("a bb a", min_length=min_length) == pytest.approx(2 / 3)


def test_min_length_is_measured_after_lower_casing():
    # "İ" lower-cases to two characters ("i" and a combining dot above)
    assert word_frequencies("İ", min_length=2) == {"i\u0307": 1}
    assert average_word_length("İ", min_length=2) == 2.0
    assert lexical_diversity("İ i", min_length=2) == 1.0


def test_top_words():
    assert top_words(TEXT, 3) == [("the", 2), ("cat", 2), ("don't", 2)]
    assert top_words(TEXT, 2, min_length=4) == [("don't", 2), ("stop", 1)]
    assert top_words(TEXT, None, min_length=5) == [("don't", 2)]
    assert top_words("", None) == []


def test_average_word_length_counts_every_occurrence():
    assert average_word_length("a a a bbbb") == 1.75
    assert average_word_length("A a BBBB") == 2.0
    assert average_word_length(TEXT, min_length=4) == pytest.approx(14 / 3)
    assert average_word_length("one three", min_length=5) == 5.0


@pytest.mark.parametrize("text", ["", "...", "a b c"])
def test_average_word_length_without_counted_words(text):
    result = average_word_length(text, min_length=2)
    assert result == 0.0 and isinstance(result, float)


def test_lexical_diversity():
    assert lexical_diversity("Tree tree TREE bush") == 0.5
    assert lexical_diversity(TEXT) == pytest.approx(7 / 10)
    assert lexical_diversity(TEXT, min_length=4) == pytest.approx(2 / 3)
    assert lexical_diversity("x y z") == 1.0


@pytest.mark.parametrize("text", ["", "?!", "a b"])
def test_lexical_diversity_without_counted_words(text):
    result = lexical_diversity(text, min_length=3)
    assert result == 0.0 and isinstance(result, float)


def test_compute_stats_is_unaffected():
    assert compute_stats(TEXT) == TextStats(lines=1, words=10, chars=len(TEXT), sentences=3)


def test_cli_top(tmp_path, capsys):
    path = tmp_path / "in.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["top", str(path), "-n", "2", "--min-length", "3"]) == 0
    assert capsys.readouterr().out == "word  count\n----  -----\nthe       2\ncat       2\n"
