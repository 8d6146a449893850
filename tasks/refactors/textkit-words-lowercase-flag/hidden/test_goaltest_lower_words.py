"""Goal test (imports the code): lower_words exists in textkit.tokenize and returns the words
lower-cased. Imports happen inside the test, so the untouched repo collects."""

import importlib


def test_lower_words_returns_the_words_lower_cased():
    tokenize = importlib.import_module("textkit.tokenize")
    assert tokenize.lower_words("Don't PANIC, Arthur!") == ["don't", "panic", "arthur"]
    assert tokenize.lower_words("Snake_Case HTTP2") == ["snake", "case", "http2"]
    assert tokenize.lower_words("") == []
