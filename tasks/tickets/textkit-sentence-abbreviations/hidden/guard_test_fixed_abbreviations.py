"""Guard: the abbreviation list is fixed, not configurable: `sentences` keeps its signature
`sentences(text)` and takes no other argument."""

import inspect

import pytest

from textkit.tokenize import sentences


def test_sentences_takes_only_the_text():
    assert list(inspect.signature(sentences).parameters) == ["text"]
    with pytest.raises(TypeError):
        sentences("One. Two.", frozenset())
    assert sentences(text="One. Two.") == ["One.", "Two."]
