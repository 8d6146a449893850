"""Behaviour that must be the same before and after the rename, through names public before
and after it: warehouse coverage, totals and allocation, and the level's own property."""

from decimal import Decimal

import pytest

from inventory.orders import Order
from inventory.stock import StockBook, StockLevel
from inventory.warehouse import AllocationError, Warehouse, allocate, total_available


def wh(code, priority=0, *levels):
    return Warehouse(code, priority, StockBook(levels))


def test_level_property_keeps_its_name_and_meaning():
    level = StockLevel("ABC-0001", on_hand=10, reserved=4)
    assert level.available == 6
    assert StockLevel("ABC-0001", on_hand=1, reserved=3).available == -2


@pytest.mark.parametrize(("qty", "covered"), [(0, True), (5, True), (6, True), (7, False)])
def test_can_cover_boundaries(qty, covered):
    w = wh("A", 0, StockLevel("ABC-0001", on_hand=9, reserved=3))
    assert w.can_cover("ABC-0001", qty) is covered
    assert w.can_cover(sku="ABC-0001", qty=qty) is covered


def test_unknown_sku_is_zero_and_creates_no_level():
    w = wh("A", 0, StockLevel("ABC-0001", on_hand=2))
    assert w.can_cover("ZZZ-9999", 0)
    assert not w.can_cover("ZZZ-9999", 1)
    assert total_available([w], "ZZZ-9999") == 0
    assert "ZZZ-9999" not in w.stock
    assert [level.sku for level in w.stock] == ["ABC-0001"]


def test_total_available_sums_net_of_reservations():
    whs = [
        wh("A", 0, StockLevel("ABC-0001", on_hand=5, reserved=2)),
        wh("B", 1, StockLevel("ABC-0001", on_hand=1, reserved=3)),
        wh("C", 2),
    ]
    assert total_available(whs, "ABC-0001") == 1  # 3 + (-2) + 0
    assert total_available([], "ABC-0001") == 0
    assert total_available(warehouses=whs[:1], sku="ABC-0001") == 3


def test_reservations_reduce_coverage():
    w = wh("A", 0, StockLevel("ABC-0001", on_hand=5))
    w.stock.reserve("ABC-0001", 4)
    assert not w.can_cover("ABC-0001", 2)
    assert w.can_cover("ABC-0001", 1)


def test_allocation_still_uses_available_stock():
    main = wh("MAIN", 0, StockLevel("ABC-0001", on_hand=5, reserved=4))
    backup = wh("BACK", 1, StockLevel("ABC-0001", on_hand=3))
    order = Order("SO-1")
    order.add_line("ABC-0001", 2, Decimal("1.00"))
    assert allocate(order, [main, backup]) == {"ABC-0001": [("BACK", 2)]}
    assert backup.stock.level("ABC-0001").reserved == 2
    short = Order("SO-2")
    short.add_line("ABC-0001", 2, Decimal("1.00"))
    with pytest.raises(AllocationError):
        allocate(short, [main, backup])
