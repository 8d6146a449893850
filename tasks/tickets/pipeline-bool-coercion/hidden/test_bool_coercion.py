import pytest

from pipeline.schema import Field, Schema, ValidationError

SCHEMA = Schema([Field("flag", "bool")])


def check(value):
    return SCHEMA.validate({"flag": value})["flag"]


@pytest.mark.parametrize("text", ["true", "TRUE", "True", " yes ", "Yes", "y", "Y", "1", "\t1\n"])
def test_true_words(text):
    assert check(text) is True


@pytest.mark.parametrize("text", ["false", "FALSE", " False", "no", "NO", "n", "N", "0", " 0 "])
def test_false_words(text):
    assert check(text) is False


def test_integers_zero_and_one():
    assert check(1) is True
    assert check(0) is False
    assert check(True) is True
    assert check(False) is False


@pytest.mark.parametrize("value", ["maybe", "", "on", "2", "yess", 2, -1, 1.0])
def test_rejected_values_keep_message(value):
    with pytest.raises(ValidationError) as info:
        check(value)
    assert info.value.field == "flag"
    assert info.value.message == f"expected bool, got {value!r}"
