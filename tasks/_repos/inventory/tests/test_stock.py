import pytest

from inventory.stock import InsufficientStock, StockBook, StockLevel


def test_available_subtracts_reserved():
    assert StockLevel("ABC-0001", on_hand=10, reserved=3).available == 7


def test_is_low_below_reorder_point():
    assert StockLevel("ABC-0001", on_hand=3, reorder_point=5).is_low()
    assert not StockLevel("ABC-0001", on_hand=10, reorder_point=5).is_low()


def test_receive_and_reserve():
    book = StockBook()
    book.receive("ABC-0001", 5)
    book.reserve("ABC-0001", 2)
    level = book.level("ABC-0001")
    assert (level.on_hand, level.reserved, level.available) == (5, 2, 3)


def test_reserve_more_than_available_raises():
    book = StockBook([StockLevel("ABC-0001", on_hand=4, reserved=3)])
    with pytest.raises(InsufficientStock) as excinfo:
        book.reserve("ABC-0001", 2)
    assert excinfo.value.available == 1
    assert book.level("ABC-0001").reserved == 3


@pytest.mark.parametrize("method", ["receive", "reserve", "ship"])
def test_non_positive_quantities_rejected(method):
    book = StockBook([StockLevel("ABC-0001", on_hand=5, reserved=5)])
    with pytest.raises(ValueError, match="quantity must be positive"):
        getattr(book, method)("ABC-0001", 0)


def test_ship_consumes_reservation():
    book = StockBook([StockLevel("ABC-0001", on_hand=5, reserved=2)])
    book.ship("ABC-0001", 2)
    level = book.level("ABC-0001")
    assert (level.on_hand, level.reserved) == (3, 0)
    with pytest.raises(ValueError):
        book.ship("ABC-0001", 1)


def test_available_of_unknown_sku_is_zero():
    assert StockBook().available("ZZZ-9999") == 0


def test_low_stock_and_reorder_suggestions():
    book = StockBook(
        [
            StockLevel("CCC-0003", on_hand=1, reorder_point=4, reorder_qty=0),
            StockLevel("AAA-0001", on_hand=2, reorder_point=5, reorder_qty=20),
            StockLevel("BBB-0002", on_hand=50, reorder_point=5, reorder_qty=20),
        ]
    )
    assert [level.sku for level in book.low_stock()] == ["AAA-0001", "CCC-0003"]
    assert book.reorder_suggestions() == {"AAA-0001": 20}


def test_set_policy_validates():
    book = StockBook()
    book.set_policy("ABC-0001", 5, 10)
    assert (book.level("ABC-0001").reorder_point, book.level("ABC-0001").reorder_qty) == (5, 10)
    with pytest.raises(ValueError):
        book.set_policy("ABC-0001", -1, 10)
