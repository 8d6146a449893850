import pytest

from textkit.cli import main
from textkit.stats import top_words


def test_ties_are_alphabetical():
    text = "pear kiwi apple pear fig apple"
    assert top_words(text, None) == [("apple", 2), ("pear", 2), ("fig", 1), ("kiwi", 1)]


def test_limit_applies_after_alphabetical_tie_break():
    assert top_words("c b a c b a d", 2) == [("a", 2), ("b", 2)]


def test_ties_compare_lowercased_words():
    assert top_words("Zeta alpha ZETA Alpha beta", 3) == [("alpha", 2), ("zeta", 2), ("beta", 1)]


def test_min_length_still_applies():
    assert top_words("xx a a a yy xx yy", 5, min_length=2) == [("xx", 2), ("yy", 2)]


def test_zero_returns_empty_list():
    assert top_words("a b c", 0) == []


@pytest.mark.parametrize("bad", [-1, -5])
def test_negative_n_rejected(bad):
    with pytest.raises(ValueError, match="n must not be negative"):
        top_words("a b c", bad)


def test_cli_top_uses_alphabetical_ties(tmp_path, capsys):
    path = tmp_path / "in.txt"
    path.write_text("to be or not to be", encoding="utf-8")
    assert main(["top", str(path), "-n", "3"]) == 0
    assert capsys.readouterr().out == "word  count\n----  -----\nbe        2\nto        2\nnot       1\n"


def test_min_length_below_one_and_default_limit_work_as_today():
    # min_length keeps working as today: below 1 it filters nothing (it is not rejected)
    for min_length in (0, -1):
        assert top_words("c b a c b a d", None, min_length=min_length) == [
            ("a", 2), ("b", 2), ("c", 2), ("d", 1)
        ]
        assert top_words("c b a c b a d", 2, min_length=min_length) == [("a", 2), ("b", 2)]
    # n defaults to 10
    ranked = top_words("l k j i h g f e d c b a")
    assert ranked == [(word, 1) for word in "abcdefghij"]
