"""Guard: TextStats gains `a + b` for two TextStats and nothing else. Adding it to a number
from either side (and so `sum()` without a TextStats start value) still raises TypeError, and
the rest of the class behaves as today."""

import dataclasses

import pytest

from textkit.stats import TextStats, compute_stats


def test_numbers_do_not_add_to_text_stats_from_the_left():
    a = TextStats(lines=1, words=2, chars=3, sentences=4)
    b = TextStats(lines=10, words=20, chars=30, sentences=40)
    with pytest.raises(TypeError):
        0 + a
    with pytest.raises(TypeError):
        sum([a, b])


def test_text_stats_is_unchanged_otherwise():
    stats = TextStats(lines=1, words=2, chars=3, sentences=4)
    assert stats.as_row() == [1, 2, 3, 4]
    assert [f.name for f in dataclasses.fields(TextStats)] == ["lines", "words", "chars", "sentences"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        stats.lines = 5  # type: ignore[misc]
    assert compute_stats("One two. Three!\n") == TextStats(lines=1, words=3, chars=16, sentences=2)
