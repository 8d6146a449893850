import pytest

from textkit.slug import normalise_whitespace, slugify, strip_accents, truncate


def test_strip_accents():
    assert strip_accents("Crème brûlée à São Paulo") == "Creme brulee a Sao Paulo"


def test_normalise_whitespace():
    assert normalise_whitespace("  a \t b\n\nc  ") == "a b c"


def test_slugify_basic():
    assert slugify("  Hello, World! ") == "hello-world"


def test_slugify_accents_and_custom_sep():
    assert slugify("Café au lait 2", sep="_") == "cafe_au_lait_2"


def test_slugify_empty_sep_rejected():
    with pytest.raises(ValueError):
        slugify("x", sep="")


def test_truncate():
    assert truncate("hello world", 8) == "hello w\u2026"
    assert truncate("short", 10) == "short"
    assert truncate("hello world", 8, ellipsis="...") == "hello..."
