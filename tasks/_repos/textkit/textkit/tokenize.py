"""Tokenising helpers: words, sentences, lines and n-grams."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

#: A word is a run of letters or digits, optionally joined by internal
#: apostrophes ("don't", "O'Neil").  Underscores and punctuation split words.
WORD_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")

_SENTENCE_BREAK_RE = re.compile(r"(?<=[.!?])\s+")


def words(text: str, *, lowercase: bool = False) -> list[str]:
    """Return the words of *text* in the order they appear.

    >>> words("Don't panic, Arthur!")
    ["Don't", 'panic', 'Arthur']
    """
    found = WORD_RE.findall(text)
    if lowercase:
        return [word.lower() for word in found]
    return found


def sentences(text: str) -> list[str]:
    """Split *text* into sentences.

    A sentence ends with ``.``, ``!`` or ``?`` followed by whitespace (or the
    end of the text).  Surrounding whitespace is stripped and empty pieces are
    dropped, so ``sentences("")`` is ``[]``.
    """
    pieces = _SENTENCE_BREAK_RE.split(text.strip())
    return [piece.strip() for piece in pieces if piece.strip()]


def lines(text: str, *, keep_blank: bool = True) -> list[str]:
    """Return the lines of *text* without their line endings.

    With ``keep_blank=False`` lines containing only whitespace are dropped.
    """
    result = text.splitlines()
    if keep_blank:
        return result
    return [line for line in result if line.strip()]


def ngrams(tokens: Sequence[str], n: int) -> Iterator[tuple[str, ...]]:
    """Yield the consecutive *n*-grams of *tokens*.

    Raises :class:`ValueError` when *n* is smaller than 1.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    for start in range(len(tokens) - n + 1):
        yield tuple(tokens[start : start + n])
