"""Guard: only a negative n is newly rejected; min_length, n=None and the default n keep
working as today (the texts below have no ties, so the tie order the ticket changes plays no
part)."""

from textkit.stats import top_words

TEXT = "ab ab ab ab c c c ddd ddd e"
RANKED = [("ab", 4), ("c", 3), ("ddd", 2), ("e", 1)]


def test_min_length_below_one_ignores_nothing():
    for min_length in (0, -1, -10):
        assert top_words(TEXT, None, min_length=min_length) == RANKED
        assert top_words(TEXT, 2, min_length=min_length) == RANKED[:2]


def test_min_length_filters_as_today():
    assert top_words(TEXT, None, min_length=2) == [("ab", 4), ("ddd", 2)]
    assert top_words(TEXT, None, min_length=4) == []


def test_none_returns_every_word():
    assert top_words(TEXT, None) == RANKED
    assert top_words(TEXT, n=None) == RANKED


def test_default_limit_is_ten():
    text = " ".join(f"w{i:02d} " * (30 - i) for i in range(12))
    ranked = top_words(text)
    assert len(ranked) == 10
    assert ranked[0] == ("w00", 30) and ranked[-1] == ("w09", 21)


def test_n_larger_than_vocabulary():
    assert top_words(TEXT, 50) == RANKED
