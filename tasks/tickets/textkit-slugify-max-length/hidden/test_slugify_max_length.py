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
    with pytest.raises(ValueError, match="^max_length must be at least 1$"):
        slugify(TEXT, max_length=bad)


# Ticket: "return the longest run of leading slug words, joined by `sep`, whose total length
# is at most `max_length`. The result never starts or ends with `sep`. The length of `sep`
# counts in full (e.g. with `sep="--"`, `"a--bb"` is 5 characters)."
@pytest.mark.parametrize("sep", ["--", "__"])
@pytest.mark.parametrize(
    "limit, expected",
    [
        (1, "a"),
        (2, "a"),  # a cut inside the separator after "a"
        (3, "a"),
        (4, "a"),  # a cut inside "bb"
        (5, "a{s}bb"),  # "a--bb" is exactly 5 characters
        (6, "a{s}bb"),  # a cut inside the separator after "bb"
        (7, "a{s}bb"),
        (9, "a{s}bb"),
        (10, "a{s}bb{s}ccc"),
        (11, "a{s}bb{s}ccc"),
        (15, "a{s}bb{s}ccc"),
        (16, "a{s}bb{s}ccc{s}dddd"),  # the full slug fits: unchanged
    ],
)
def test_multi_character_separator_cut_back_to_whole_words(sep, limit, expected):
    assert slugify("A bb, ccc! dddd", sep=sep, max_length=limit) == expected.format(s=sep)


def _ticket_rule(words, sep, limit):
    # The ticket's rule, spelled out: the full slug if it fits; "If the first word alone is
    # longer than `max_length`, return that first word cut to its first `max_length`
    # characters"; otherwise the longest run of leading words joined by `sep` that fits.
    if len(sep.join(words)) <= limit:
        return sep.join(words)
    if len(words[0]) > limit:
        return words[0][:limit]
    fitting = [k for k in range(1, len(words) + 1) if len(sep.join(words[:k])) <= limit]
    return sep.join(words[: max(fitting)])


@pytest.mark.parametrize("sep", ["-", "--", "__", "-_-"])
def test_every_limit_with_long_separators(sep):
    # Ticket: "the longest run of leading slug words, joined by `sep`, whose total length is at
    # most `max_length`. The result never starts or ends with `sep`."
    text = "The Quick, Brown Fox -- jumps over 2 lazy dogs!"
    words = ["the", "quick", "brown", "fox", "jumps", "over", "2", "lazy", "dogs"]
    full = sep.join(words)
    for limit in range(1, len(full) + 3):
        slug = slugify(text, sep=sep, max_length=limit)
        assert slug == _ticket_rule(words, sep, limit), limit
        assert len(slug) <= limit
        assert not slug.endswith(sep[0]) and not slug.startswith(sep[0])


def test_existing_parameters_and_their_behaviour_stay():
    # sep is still the second positional parameter, defaults to "-" and must not be empty
    assert slugify("a bb ccc", "--", max_length=5) == "a--bb"
    assert slugify("Hello big World", "_") == "hello_big_world"
    assert slugify("Hello big World", max_length=9) == "hello-big"
    assert slugify("Cr\u00e8me br\u00fbl\u00e9e, S\u00e3o Paulo!", sep=".") == "creme.brulee.sao.paulo"
    for max_length in (None, 3):
        with pytest.raises(ValueError, match="^sep must not be empty$"):
            slugify("x", sep="", max_length=max_length)
