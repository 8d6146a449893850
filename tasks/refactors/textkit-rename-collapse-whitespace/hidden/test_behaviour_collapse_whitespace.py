"""Behaviour that must be the same before and after the rename. The function's old and new
names exist only on one side each, so it is reached through the public `squash` filter
(`textkit.template.FILTERS` and `render`), which exists on both."""

import pytest

from textkit.slug import slugify, strip_accents, truncate
from textkit.template import FILTERS, TemplateError, render


@pytest.mark.parametrize(("text", "want"), [
    ("  a \t b\n\nc  ", "a b c"),
    ("one  two   three", "one two three"),
    ("\r\nline one\r\nline two\r\n", "line one line two"),
    ("no\u00a0break\u2003em\u3000ideographic", "no break em ideographic"),  # Unicode spaces
    ("zero\u200bwidth", "zero\u200bwidth"),  # not whitespace: kept
    ("\x0bvertical\x0cfeed\x1cfile", "vertical feed file"),
    ("", ""),
    (" \t\n ", ""),
    ("already tidy", "already tidy"),
])
def test_squash_filter_collapses_whitespace(text, want):
    assert FILTERS["squash"](text) == want


def test_squash_filter_by_keyword():
    assert FILTERS["squash"](text="  x  y ") == "x y"


def test_squash_in_a_template():
    out = render("[{{ body|squash }}] [{{ body | squash | upper }}]", {"body": " hi \n there "})
    assert out == "[hi there] [HI THERE]"


def test_filter_names_are_unchanged():
    assert list(FILTERS) == ["upper", "lower", "title", "strip", "squash", "slug"]
    with pytest.raises(TemplateError, match="unknown filter: collapse"):
        render("{{ x|collapse }}", {"x": "a  b"})


def test_the_other_slug_helpers_keep_their_behaviour():
    assert strip_accents("Crème  brûlée") == "Creme  brulee"
    assert slugify("  Hello,\t World! ") == "hello-world"
    assert slugify("a  b", sep="_") == "a_b"
    assert FILTERS["slug"]("Ça va?") == "ca-va"
    assert truncate("hello world", 8) == "hello w\u2026"
    assert truncate("hi", 1) == "\u2026"  # the TODO's behaviour stays as it is
    assert truncate("hello", 3, ellipsis="..") == "h.."
