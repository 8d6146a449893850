import pytest

from textkit.stats import (
    TextStats,
    average_word_length,
    compute_stats,
    lexical_diversity,
    top_words,
    word_frequencies,
)


def test_compute_stats():
    text = "One two. Three!\nFour five six?\n"
    assert compute_stats(text) == TextStats(lines=2, words=6, chars=len(text), sentences=3)


def test_compute_stats_empty():
    assert compute_stats("") == TextStats(lines=0, words=0, chars=0, sentences=0)


def test_as_row_order():
    assert TextStats(lines=1, words=2, chars=3, sentences=4).as_row() == [1, 2, 3, 4]


def test_word_frequencies_case_insensitive_with_min_length():
    counts = word_frequencies("The cat and THE hat. A cat!", min_length=3)
    assert counts == {"the": 2, "cat": 2, "and": 1, "hat": 1}


def test_top_words_most_frequent_first():
    assert top_words("b a b c b a", 2) == [("b", 3), ("a", 2)]


def test_top_words_none_returns_all():
    assert len(top_words("x y z x", None)) == 3


def test_average_word_length():
    assert average_word_length("ab abcd") == pytest.approx(3.0)
    assert average_word_length("...") == 0.0


def test_lexical_diversity():
    assert lexical_diversity("a b a b") == pytest.approx(0.5)
    assert lexical_diversity("") == 0.0
