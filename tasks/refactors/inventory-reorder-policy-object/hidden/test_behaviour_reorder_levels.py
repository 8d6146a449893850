"""Behaviour that must be the same before and after the parameter object, through names public
before and after it (set_policy's signature changes, so it is not called here): stock levels
keep their reorder fields and their meaning, low stock and reorder suggestions, the purchase
orders raised from them and the stock report."""

from datetime import date

import pytest

from inventory.products import Catalog
from inventory.purchasing import Supplier, build_purchase_orders
from inventory.reports import stock_report_csv, stock_rows
from inventory.stock import StockBook, StockLevel


def test_level_keeps_its_fields_positionally_and_by_name():
    level = StockLevel("ABC-0001", 3, 1, 5, 20)
    assert (level.sku, level.on_hand, level.reserved) == ("ABC-0001", 3, 1)
    assert (level.reorder_point, level.reorder_qty) == (5, 20)
    assert level == StockLevel(sku="ABC-0001", on_hand=3, reserved=1, reorder_point=5,
                               reorder_qty=20)
    assert repr(StockLevel("ABC-0001", reorder_point=5, reorder_qty=20)) == (
        "StockLevel(sku='ABC-0001', on_hand=0, reserved=0, reorder_point=5, reorder_qty=20)")


def test_new_level_has_no_reorder_policy():
    book = StockBook()
    level = book.level("ABC-0001")
    assert (level.reorder_point, level.reorder_qty) == (0, 0)
    assert book.low_stock() == []
    assert book.reorder_suggestions() == {}


def test_levels_are_not_validated_and_stay_mutable():
    # a level built or edited directly is taken as it is, negative values included
    odd = StockLevel("ABC-0001", on_hand=0, reorder_point=-1, reorder_qty=-5)
    assert (odd.reorder_point, odd.reorder_qty) == (-1, -5)
    assert not odd.is_low()
    book = StockBook([odd, StockLevel("XYZ-0002", on_hand=-3, reorder_point=0, reorder_qty=-2)])
    assert [level.sku for level in book.low_stock()] == ["XYZ-0002"]  # -3 < 0
    assert book.reorder_suggestions() == {}
    odd.reorder_point, odd.reorder_qty = 1, 7
    assert book.reorder_suggestions() == {"ABC-0001": 7}


@pytest.mark.parametrize(("on_hand", "point", "low"),
                         [(4, 5, True), (5, 5, False), (6, 5, False), (0, 0, False),
                          (0, 1, True), (-1, 0, True)])
def test_is_low_is_strictly_below_the_reorder_point(on_hand, point, low):
    assert StockLevel("ABC-0001", on_hand=on_hand, reorder_point=point).is_low() is low


def test_reserved_units_do_not_count_towards_low_stock():
    level = StockLevel("ABC-0001", on_hand=5, reserved=5, reorder_point=5, reorder_qty=10)
    assert not level.is_low()
    assert StockBook([level]).reorder_suggestions() == {}


def test_low_stock_sorted_and_suggestions_skip_zero_quantities():
    book = StockBook(
        [
            StockLevel("ZZZ-0009", on_hand=0, reorder_point=1, reorder_qty=3),
            StockLevel("CCC-0003", on_hand=1, reorder_point=4, reorder_qty=0),
            StockLevel("AAA-0001", on_hand=2, reorder_point=5, reorder_qty=20),
            StockLevel("BBB-0002", on_hand=5, reorder_point=5, reorder_qty=20),
        ]
    )
    assert [level.sku for level in book.low_stock()] == ["AAA-0001", "CCC-0003", "ZZZ-0009"]
    assert book.reorder_suggestions() == {"AAA-0001": 20, "ZZZ-0009": 3}
    assert list(book.reorder_suggestions()) == ["AAA-0001", "ZZZ-0009"]


def test_receiving_stock_clears_a_suggestion():
    book = StockBook([StockLevel("ABC-0001", on_hand=4, reorder_point=5, reorder_qty=10)])
    assert book.reorder_suggestions() == {"ABC-0001": 10}
    book.receive("ABC-0001", 1)
    assert book.reorder_suggestions() == {}
    level = book.level("ABC-0001")
    assert (level.on_hand, level.reorder_point, level.reorder_qty) == (5, 5, 10)


def test_purchase_orders_follow_the_reorder_fields():
    book = StockBook(
        [
            StockLevel("XYZ-0002", on_hand=0, reorder_point=5, reorder_qty=30),
            StockLevel("ABC-0001", on_hand=1, reorder_point=5, reorder_qty=20),
            StockLevel("NUT-0003", on_hand=2, reorder_point=0, reorder_qty=10),
        ]
    )
    acme = Supplier("ACME", "Acme Ltd")
    orders = build_purchase_orders(book, {"ABC-0001": acme, "XYZ-0002": acme, "NUT-0003": acme},
                                   date(2024, 3, 1))
    assert [o.number for o in orders] == ["PO-0001"]
    assert [(line.sku, line.quantity) for line in orders[0].lines] == [("ABC-0001", 20),
                                                                       ("XYZ-0002", 30)]


def test_stock_report_shows_the_reorder_point():
    book = StockBook([StockLevel("ABC-0001", on_hand=3, reserved=1, reorder_point=2,
                                 reorder_qty=9)])
    rows = stock_rows(book, Catalog())
    assert rows[0]["reorder_point"] == 2
    assert "reorder_qty" not in rows[0]
    assert stock_report_csv(book, Catalog()).splitlines() == [
        "sku,name,on_hand,reserved,available,reorder_point,value",
        "ABC-0001,,3,1,2,2,0.00",
    ]
