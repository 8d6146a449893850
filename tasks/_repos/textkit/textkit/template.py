"""A tiny template renderer: ``"Hello {{ name|title }}!"``."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from textkit.slug import normalise_whitespace, slugify


class TemplateError(Exception):
    """Raised for malformed templates, unknown filters and missing variables."""


_PLACEHOLDER_RE = re.compile(r"\{\{(.*?)\}\}")

#: Filters available after ``|`` in a placeholder, applied left to right.
FILTERS: dict[str, Callable[[str], str]] = {
    "upper": str.upper,
    "lower": str.lower,
    "title": str.title,
    "strip": str.strip,
    "squash": normalise_whitespace,
    "slug": slugify,
}


def _parse(expression: str) -> tuple[str, list[str]]:
    name, *filters = (part.strip() for part in expression.split("|"))
    if not name:
        raise TemplateError("empty placeholder")
    return name, filters


def variables(template: str) -> list[str]:
    """Return the variable names used by *template*, each once, in order of use."""
    seen: dict[str, None] = {}
    for match in _PLACEHOLDER_RE.finditer(template):
        name, _ = _parse(match.group(1))
        seen.setdefault(name, None)
    return list(seen)


def render(template: str, context: Mapping[str, object]) -> str:
    """Replace every ``{{ name|filter|... }}`` placeholder in *template*.

    Values are converted with :func:`str` before filters run.  Raises
    :class:`TemplateError` for an empty placeholder, an unknown filter or a
    name missing from *context*.
    """

    def replace(match: re.Match[str]) -> str:
        name, filters = _parse(match.group(1))
        if name not in context:
            raise TemplateError(f"undefined variable: {name}")
        value = str(context[name])
        for filter_name in filters:
            try:
                func = FILTERS[filter_name]
            except KeyError:
                raise TemplateError(f"unknown filter: {filter_name}") from None
            value = func(value)
        return value

    return _PLACEHOLDER_RE.sub(replace, template)
