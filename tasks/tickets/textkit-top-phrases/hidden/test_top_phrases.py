import pytest

from textkit import stats
from textkit.cli import main

TEXT = "The cat sat. The cat ran! Cat sat on the mat."


def test_phrases_never_span_sentences():
    assert stats.top_ngrams("Red fox. Jumps high. Red fox!", 2, None) == [
        ("red fox", 2),
        ("jumps high", 1),
    ]
    assert stats.top_ngrams("One two three. Four five.", 3) == [("one two three", 1)]


def test_counts_order_and_limit():
    assert stats.top_ngrams(TEXT, 2, 3) == [("the cat", 2), ("cat sat", 2), ("cat ran", 1)]
    assert len(stats.top_ngrams(TEXT, 2, None)) == 6
    assert stats.top_ngrams(TEXT, 2) == stats.top_ngrams(TEXT, 2, 10)


def test_min_length_drops_words_before_phrases_are_formed():
    assert stats.top_ngrams("Alpha of beta. ALPHA beta.", 2, min_length=3) == [("alpha beta", 2)]


def test_size_one_matches_top_words():
    assert stats.top_ngrams(TEXT, 1, 4) == stats.top_words(TEXT, 4)
    assert stats.top_ngrams(TEXT, 1, None, min_length=4) == stats.top_words(TEXT, None, min_length=4)


@pytest.mark.parametrize("text", ["", "a b c"])
def test_size_must_be_positive(text):
    with pytest.raises(ValueError, match="^size must be at least 1$"):
        stats.top_ngrams(text, 0)


def test_cli_ngram_option(tmp_path, capsys):
    path = tmp_path / "in.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["top", str(path), "--ngram", "2", "-n", "2"]) == 0
    assert capsys.readouterr().out == (
        "phrase   count\n-------  -----\nthe cat      2\ncat sat      2\n"
    )
    assert main(["top", str(path), "-n", "3"]) == 0
    plain = capsys.readouterr().out
    assert plain.startswith("word  count\n")
    assert main(["top", str(path), "--ngram", "1", "-n", "3"]) == 0
    assert capsys.readouterr().out == plain


def test_cli_rejects_bad_ngram(tmp_path, capsys):
    path = tmp_path / "in.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["top", str(path), "--ngram", "0"]) == 1
    captured = capsys.readouterr()
    assert captured.err == "textkit: --ngram must be at least 1\n"
    assert captured.out == ""


def test_default_limit_is_ten():
    text = "a b c d e f g h i j k l m"  # twelve distinct two-word phrases
    assert len(stats.top_ngrams(text, 2, None)) == 12
    assert stats.top_ngrams(text, 2) == stats.top_ngrams(text, 2, None)[:10]


def test_min_length_defaults_to_one_and_keeps_words_of_exactly_min_length():
    # only words *shorter* than min_length are dropped
    assert stats.top_ngrams("A b c.", 2, None) == [("a b", 1), ("b c", 1)]
    assert stats.top_ngrams("Alpha of beta. ALPHA beta.", 2, min_length=4) == [("alpha beta", 2)]
    assert stats.top_ngrams("Alpha of beta. ALPHA beta.", 2, min_length=5) == []


def test_cli_min_length_applies_to_words_and_phrases(tmp_path, capsys):
    path = tmp_path / "in.txt"
    path.write_text("Alpha of beta. ALPHA beta. Of of.", encoding="utf-8")
    assert main(["top", str(path), "--ngram", "2", "--min-length", "3"]) == 0
    assert capsys.readouterr().out == "phrase      count\n----------  -----\nalpha beta      2\n"
    assert main(["top", str(path), "--ngram", "1", "--min-length", "3"]) == 0
    assert capsys.readouterr().out == "word   count\n-----  -----\nalpha      2\nbeta       2\n"
    assert main(["top", str(path), "--min-length", "3"]) == 0
    assert capsys.readouterr().out == "word   count\n-----  -----\nalpha      2\nbeta       2\n"
