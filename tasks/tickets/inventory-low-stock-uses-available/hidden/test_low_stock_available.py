import pytest

from inventory.stock import StockBook, StockLevel


def test_reservations_count_against_stock():
    # 10 on hand but 6 promised: only 4 available, under the reorder point of 5.
    assert StockLevel("ABC-0001", on_hand=10, reserved=6, reorder_point=5).is_low()


def test_reorder_point_is_inclusive():
    assert StockLevel("ABC-0001", on_hand=5, reorder_point=5).is_low()
    assert StockLevel("ABC-0001", on_hand=8, reserved=3, reorder_point=5).is_low()
    assert not StockLevel("ABC-0001", on_hand=6, reorder_point=5).is_low()


@pytest.mark.parametrize(("on_hand", "reserved"), [(0, 0), (3, 3), (10, 0)])
def test_zero_reorder_point_disables_reordering(on_hand, reserved):
    level = StockLevel("ABC-0001", on_hand=on_hand, reserved=reserved, reorder_point=0)
    assert not level.is_low()


def test_plenty_available_is_not_low():
    assert not StockLevel("ABC-0001", on_hand=20, reserved=4, reorder_point=5).is_low()


def test_stock_book_reports_follow_is_low():
    book = StockBook(
        [
            StockLevel("AAA-0001", on_hand=12, reserved=8, reorder_point=4, reorder_qty=10),
            StockLevel("BBB-0002", on_hand=4, reorder_point=4, reorder_qty=6),
            StockLevel("CCC-0003", on_hand=0, reorder_point=0, reorder_qty=50),
            StockLevel("DDD-0004", on_hand=9, reserved=1, reorder_point=4, reorder_qty=10),
        ]
    )
    assert [level.sku for level in book.low_stock()] == ["AAA-0001", "BBB-0002"]
    assert book.reorder_suggestions() == {"AAA-0001": 10, "BBB-0002": 6}


def test_reorder_point_of_one_is_enabled():
    # any positive reorder point enables reordering, the smallest one included
    assert StockLevel("ABC-0001", on_hand=1, reorder_point=1).is_low()
    assert StockLevel("ABC-0001", on_hand=3, reserved=2, reorder_point=1).is_low()
    assert not StockLevel("ABC-0001", on_hand=2, reorder_point=1).is_low()
