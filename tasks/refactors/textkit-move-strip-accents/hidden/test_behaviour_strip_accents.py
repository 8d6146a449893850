"""Behaviour that must be the same before and after the move: only names public before it."""

import pytest

from textkit.case import split_words, to_snake
from textkit.slug import slugify, strip_accents


@pytest.mark.parametrize(("text", "want"), [
    ("Crème brûlée à São Paulo", "Creme brulee a Sao Paulo"),
    ("Ærøskøbing", "Ærøskøbing"),          # no decomposition: unchanged
    ("ﬁancé", "fiance"),                   # NFKD also splits compatibility ligatures
    ("Straße", "Straße"),
    ("", ""),
    ("plain ascii 123", "plain ascii 123"),
    ("e\u0301", "e"),                      # an already-decomposed accent is dropped too
])
def test_strip_accents_keeps_its_results(text, want):
    assert strip_accents(text) == want


def test_strip_accents_by_keyword():
    assert strip_accents(text="Ångström") == "Angstrom"


def test_slugify_still_strips_accents():
    assert slugify("Crème Brûlée, São Paulo!") == "creme-brulee-sao-paulo"
    assert slugify("Ærø") == "r"  # Æ and ø have no ASCII form and are dropped


def test_case_conversion_still_strips_accents():
    assert split_words("  Crème brûlée ") == ["Creme", "brulee"]
    assert to_snake("CrèmeBrûlée") == "creme_brulee"
