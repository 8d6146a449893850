"""Goal tests (import the code): ReorderPolicy validates with the old message and type, is
immutable, and set_policy applies it to the level exactly as the two ints did; an invalid
policy changes nothing. Imports happen inside the tests, so the untouched repo collects."""

import dataclasses
import importlib

import pytest

MESSAGE = "reorder point and quantity must not be negative"


def stock():
    return importlib.import_module("inventory.stock")


def test_policy_holds_two_ints_and_is_frozen():
    s = stock()
    policy = s.ReorderPolicy(5, 10)
    assert (policy.reorder_point, policy.reorder_qty) == (5, 10)
    assert policy == s.ReorderPolicy(reorder_point=5, reorder_qty=10)
    assert hash(policy) == hash(s.ReorderPolicy(5, 10))
    assert s.ReorderPolicy(0, 0).reorder_point == 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        policy.reorder_point = 1


@pytest.mark.parametrize(("point", "qty"), [(-1, 0), (0, -1), (-3, -3), (-1, 10)])
def test_negative_values_raise_the_old_error(point, qty):
    with pytest.raises(ValueError) as excinfo:
        stock().ReorderPolicy(point, qty)
    assert str(excinfo.value) == MESSAGE
    assert type(excinfo.value) is ValueError


def test_set_policy_applies_the_policy_to_the_level():
    s = stock()
    book = s.StockBook([s.StockLevel("ABC-0001", on_hand=3, reserved=1)])
    book.set_policy("ABC-0001", s.ReorderPolicy(5, 10))
    level = book.level("ABC-0001")
    assert (level.on_hand, level.reserved, level.reorder_point, level.reorder_qty) == (3, 1, 5, 10)
    assert book.reorder_suggestions() == {"ABC-0001": 10}
    book.set_policy(sku="ABC-0001", policy=s.ReorderPolicy(reorder_point=0, reorder_qty=10))
    assert (level.reorder_point, level.reorder_qty) == (0, 10)
    assert book.low_stock() == []


def test_set_policy_creates_the_level_of_a_new_sku():
    s = stock()
    book = s.StockBook()
    book.set_policy("XYZ-0002", s.ReorderPolicy(1, 4))
    assert "XYZ-0002" in book
    assert book.level("XYZ-0002") == s.StockLevel("XYZ-0002", 0, 0, 1, 4)
    assert book.reorder_suggestions() == {"XYZ-0002": 4}


def test_an_invalid_policy_changes_nothing():
    s = stock()
    book = s.StockBook([s.StockLevel("ABC-0001", on_hand=3, reorder_point=5, reorder_qty=10)])
    with pytest.raises(ValueError, match=MESSAGE):
        book.set_policy("ABC-0001", s.ReorderPolicy(-1, 10))
    with pytest.raises(ValueError, match=MESSAGE):
        book.set_policy("NEW-0009", s.ReorderPolicy(2, -1))
    assert "NEW-0009" not in book
    level = book.level("ABC-0001")
    assert (level.reorder_point, level.reorder_qty) == (5, 10)


def test_the_two_int_form_is_gone():
    s = stock()
    book = s.StockBook()
    with pytest.raises(TypeError):
        book.set_policy("ABC-0001", 5, 10)
    assert "ABC-0001" not in book
