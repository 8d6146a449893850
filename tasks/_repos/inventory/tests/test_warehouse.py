from decimal import Decimal

import pytest

from inventory.orders import Order
from inventory.stock import StockBook, StockLevel
from inventory.warehouse import AllocationError, Warehouse, allocate, by_priority, total_available


def warehouse(code: str, priority: int, **on_hand: int) -> Warehouse:
    levels = [StockLevel(sku.replace("_", "-"), on_hand=qty) for sku, qty in on_hand.items()]
    return Warehouse(code, priority, StockBook(levels))


def test_by_priority_then_code():
    whs = [warehouse("B", 1), warehouse("C", 0), warehouse("A", 1)]
    assert [w.code for w in by_priority(whs)] == ["C", "A", "B"]


def test_total_available():
    whs = [warehouse("A", 0, ABC_0001=3), warehouse("B", 1, ABC_0001=4)]
    assert total_available(whs, "ABC-0001") == 7


def test_allocate_uses_highest_priority_warehouse_that_covers_line():
    main = warehouse("MAIN", 0, ABC_0001=1, XYZ_0002=5)
    backup = warehouse("BACKUP", 1, ABC_0001=10)
    order = Order("SO-1")
    order.add_line("ABC-0001", 3, Decimal("1.00"))
    order.add_line("XYZ-0002", 2, Decimal("1.00"))
    allocation = allocate(order, [backup, main])
    assert allocation == {"ABC-0001": [("BACKUP", 3)], "XYZ-0002": [("MAIN", 2)]}
    assert backup.stock.level("ABC-0001").reserved == 3
    assert main.stock.level("XYZ-0002").reserved == 2
    assert main.stock.level("ABC-0001").reserved == 0


def test_allocate_raises_when_stock_is_short_everywhere():
    order = Order("SO-2")
    order.add_line("ABC-0001", 5, Decimal("1.00"))
    with pytest.raises(AllocationError):
        allocate(order, [warehouse("A", 0, ABC_0001=2), warehouse("B", 1, ABC_0001=1)])


def test_allocate_empty_order():
    assert allocate(Order("SO-3"), [warehouse("A", 0)]) == {}
