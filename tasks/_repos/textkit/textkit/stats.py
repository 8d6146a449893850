"""Word, line and sentence statistics."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from textkit.tokenize import lines, sentences, words


@dataclass(frozen=True)
class TextStats:
    """Counts describing one text."""

    lines: int
    words: int
    chars: int
    sentences: int

    def as_row(self) -> list[int]:
        """Return the counts in display order: lines, words, chars, sentences."""
        return [self.lines, self.words, self.chars, self.sentences]


#: Column titles matching :meth:`TextStats.as_row`.
STAT_FIELDS: tuple[str, ...] = ("lines", "words", "chars", "sentences")


def compute_stats(text: str) -> TextStats:
    """Count the lines, words, characters and sentences of *text*."""
    return TextStats(
        lines=len(lines(text)),
        words=len(words(text)),
        chars=len(text),
        sentences=len(sentences(text)),
    )


def word_frequencies(text: str, *, min_length: int = 1) -> Counter[str]:
    """Count the words of *text* case-insensitively.

    Words shorter than *min_length* characters are ignored.
    """
    tokens = [word for word in words(text, lowercase=True) if len(word) >= min_length]
    return Counter(tokens)


def top_words(text: str, n: int | None = 10, *, min_length: int = 1) -> list[tuple[str, int]]:
    """Return the *n* most frequent words of *text* with their counts.

    The most frequent word comes first; ties keep the order in which the words
    first appear in the text.  ``n=None`` returns every word.
    """
    return word_frequencies(text, min_length=min_length).most_common(n)


def average_word_length(text: str, *, min_length: int = 1) -> float:
    """Return the mean length of the words of *text* (``0.0`` when there are none)."""
    tokens = [word for word in words(text, lowercase=True) if len(word) >= min_length]
    if not tokens:
        return 0.0
    return sum(len(word) for word in tokens) / len(tokens)


def lexical_diversity(text: str, *, min_length: int = 1) -> float:
    """Return the ratio of distinct words to all words (``0.0`` for no words)."""
    tokens = [word for word in words(text, lowercase=True) if len(word) >= min_length]
    if not tokens:
        return 0.0
    return len(set(tokens)) / len(tokens)
