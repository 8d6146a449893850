import pytest

from textkit.slug import slugify

TEXT = "Hello big wide world"  # full slug: "hello-big-wide-world" (20 characters)


def test_without_max_length_slug_is_unchanged():
    assert slugify(TEXT) == "hello-big-wide-world"
    assert slugify(TEXT, max_length=None) == "hello-big-wide-world"


def test_slug_that_fits_is_unchanged():
    assert slugify(TEXT, max_length=20) == "hello-big-wide-world"
    assert slugify(TEXT, max_length=50) == "hello-big-wide-world"


def test_cut_at_word_boundary():
    assert slugify(TEXT, max_length=12) == "hello-big"
    assert slugify(TEXT, max_length=13) == "hello-big"
    assert slugify(TEXT, max_length=19) == "hello-big-wide"


def test_words_that_fit_exactly_are_kept():
    assert slugify(TEXT, max_length=14) == "hello-big-wide"
    assert slugify(TEXT, max_length=9) == "hello-big"


def test_long_first_word_is_cut():
    assert slugify("Supercalifragilistic expialidocious", max_length=5) == "super"
    assert slugify("Hello world", max_length=3) == "hel"


def test_multi_character_separator_counts_fully():
    assert slugify("a bb ccc", sep="--", max_length=7) == "a--bb"
    assert slugify("a bb ccc", sep="--", max_length=4) == "a"


def test_result_never_too_long_and_never_ends_with_separator():
    full = slugify("The Quick, Brown Fox -- jumps over 2 lazy dogs!")
    for limit in range(1, len(full) + 2):
        slug = slugify("The Quick, Brown Fox -- jumps over 2 lazy dogs!", max_length=limit)
        assert 0 < len(slug) <= limit
        assert not slug.endswith("-") and not slug.startswith("-")
        assert full.startswith(slug)


@pytest.mark.parametrize("bad", [0, -3])
def test_max_length_below_one_rejected(bad):
    with pytest.raises(ValueError, match="max_length must be at least 1"):
        slugify(TEXT, max_length=bad)
