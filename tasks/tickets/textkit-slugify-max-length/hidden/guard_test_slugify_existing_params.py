"""Guard: the existing parameters of slugify and their behaviour stay as they are (sep is
still the second positional parameter, defaults to "-" and must not be empty)."""

import pytest

from textkit.slug import slugify


def test_sep_can_still_be_passed_positionally():
    assert slugify("Hello big World", "_") == "hello_big_world"
    assert slugify("a bb ccc", "--") == "a--bb--ccc"


def test_sep_default_and_validation_unchanged():
    assert slugify("Hello big World") == "hello-big-world"
    assert slugify("Crème brûlée, São Paulo!", sep=".") == "creme.brulee.sao.paulo"
    with pytest.raises(ValueError, match="^sep must not be empty$"):
        slugify("x", sep="")
