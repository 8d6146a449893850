"""Behaviour that must be the same before and after the change, through names public before
it: a book built without a rule reorders exactly as today."""

from datetime import date

import pytest

from inventory.purchasing import Supplier, build_purchase_orders
from inventory.stock import StockBook, StockLevel
from inventory.warehouse import Warehouse


@pytest.mark.parametrize(("on_hand", "reserved", "point", "low"), [
    (4, 0, 5, True),
    (5, 0, 5, False),      # at the reorder point is not low
    (6, 3, 5, False),      # reservations do not count: on hand decides
    (0, 0, 0, False),      # a reorder point of 0 disables reordering
    (-1, 0, 0, True),
    (0, 0, 1, True),
])
def test_is_low(on_hand, reserved, point, low):
    level = StockLevel("ABC-0001", on_hand=on_hand, reserved=reserved, reorder_point=point)
    assert level.is_low() is low
    assert [l.sku for l in StockBook([level]).low_stock()] == (["ABC-0001"] if low else [])


def book():
    return StockBook([
        StockLevel("DDD-0004", on_hand=6, reserved=5, reorder_point=5, reorder_qty=10),
        StockLevel("CCC-0003", on_hand=1, reorder_point=4, reorder_qty=0),
        StockLevel("AAA-0001", on_hand=2, reorder_point=5, reorder_qty=20),
        StockLevel("BBB-0002", on_hand=50, reorder_point=5, reorder_qty=20),
        StockLevel("EEE-0005", on_hand=4, reorder_point=5, reorder_qty=1),
    ])


def test_low_stock_sorted_and_includes_levels_without_a_reorder_qty():
    assert [l.sku for l in book().low_stock()] == ["AAA-0001", "CCC-0003", "EEE-0005"]


def test_suggestions_leave_out_a_reorder_qty_of_zero():
    suggestions = book().reorder_suggestions()
    assert suggestions == {"AAA-0001": 20, "EEE-0005": 1}
    assert list(suggestions) == ["AAA-0001", "EEE-0005"]


def test_suggestions_follow_stock_movements_and_policies():
    b = book()
    b.receive("AAA-0001", 3)                       # 5: no longer low
    b.set_policy("BBB-0002", 60, 7)                # 50 < 60: now low
    b.reserve("EEE-0005", 4)
    b.ship("EEE-0005", 2)                          # on hand 2: still low
    assert b.reorder_suggestions() == {"BBB-0002": 7, "EEE-0005": 1}
    b.level("ZZZ-9999")                            # a new empty level is never low
    assert "ZZZ-9999" not in b.reorder_suggestions()


def test_books_built_every_way_still_reorder():
    levels = (StockLevel("ABC-0001", on_hand=0, reorder_point=1, reorder_qty=3) for _ in range(1))
    assert StockBook(levels).reorder_suggestions() == {"ABC-0001": 3}
    assert StockBook(levels=[]).reorder_suggestions() == {}
    assert StockBook().low_stock() == []
    assert Warehouse("A").stock.reorder_suggestions() == {}


def test_purchase_orders_from_the_default_rule():
    acme = Supplier("ACME", "Acme")
    orders = build_purchase_orders(book(), {"AAA-0001": acme, "CCC-0003": acme,
                                            "DDD-0004": acme, "EEE-0005": acme}, date(2024, 3, 4))
    assert [(l.sku, l.quantity) for o in orders for l in o.lines] == [("AAA-0001", 20),
                                                                     ("EEE-0005", 1)]
