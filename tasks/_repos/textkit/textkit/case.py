"""Identifier case conversion: ``snake_case``, ``kebab-case``, ``camelCase``..."""

from __future__ import annotations

import re

from textkit.slug import strip_accents

_SEPARATOR_RE = re.compile(r"[^0-9A-Za-z]+")
_WORD_RE = re.compile(r"[A-Z][a-z0-9]*|[a-z0-9]+")


def split_words(name: str) -> list[str]:
    """Split an identifier or phrase into its words, keeping their case.

    Accents are stripped first, then every run of characters other than ASCII
    letters and digits separates words, and inside a run a new word starts at
    every capital letter.  Digits belong to the word they follow.

    >>> split_words("parse_user-nameV2")
    ['parse', 'user', 'name', 'V2']
    """
    found: list[str] = []
    for chunk in _SEPARATOR_RE.split(strip_accents(name)):
        found.extend(_WORD_RE.findall(chunk))
    return found


def to_snake(name: str) -> str:
    """Return *name* in ``snake_case``: ``"Parse user name"`` -> ``"parse_user_name"``."""
    return "_".join(word.lower() for word in split_words(name))


def to_kebab(name: str) -> str:
    """Return *name* in ``kebab-case``: ``"parseUserName"`` -> ``"parse-user-name"``."""
    return "-".join(word.lower() for word in split_words(name))


def to_constant(name: str) -> str:
    """Return *name* in ``CONSTANT_CASE``: ``"max-retries"`` -> ``"MAX_RETRIES"``."""
    return "_".join(word.upper() for word in split_words(name))


def to_pascal(name: str) -> str:
    """Return *name* in ``PascalCase``: ``"parse_user"`` -> ``"ParseUser"``."""
    return "".join(word[:1].upper() + word[1:].lower() for word in split_words(name))


def to_camel(name: str) -> str:
    """Return *name* in ``camelCase``: ``"Parse user"`` -> ``"parseUser"``."""
    parts = split_words(name)
    if not parts:
        return ""
    head = parts[0].lower()
    return head + "".join(word[:1].upper() + word[1:].lower() for word in parts[1:])
