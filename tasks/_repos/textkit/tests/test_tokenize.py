import pytest

from textkit.tokenize import lines, ngrams, sentences, words


def test_words_keeps_internal_apostrophes():
    assert words("Don't panic, Arthur!") == ["Don't", "panic", "Arthur"]


def test_words_lowercase_and_underscores_split():
    assert words("Snake_Case and HTTP2", lowercase=True) == ["snake", "case", "and", "http2"]


def test_sentences_split_on_terminal_punctuation():
    text = "It works. Does it?  Yes!\nGreat."
    assert sentences(text) == ["It works.", "Does it?", "Yes!", "Great."]


def test_sentences_of_blank_text():
    assert sentences("   \n") == []


def test_lines_keep_and_drop_blank():
    text = "a\n\n  \nb\n"
    assert lines(text) == ["a", "", "  ", "b"]
    assert lines(text, keep_blank=False) == ["a", "b"]


def test_ngrams():
    assert list(ngrams(["a", "b", "c"], 2)) == [("a", "b"), ("b", "c")]
    assert list(ngrams(["a"], 2)) == []


def test_ngrams_rejects_zero():
    with pytest.raises(ValueError):
        list(ngrams(["a"], 0))
