"""Goal tests (import the code): allocate accepts strategies written against the ticket's
contract and stays in charge of reserving, recording and failing. Imports happen inside the
tests, so the untouched repo collects."""

import importlib
from decimal import Decimal

import pytest


def mods():
    return (importlib.import_module("inventory.warehouse"),
            importlib.import_module("inventory.stock"),
            importlib.import_module("inventory.orders"))


def setup(*lines):
    warehouse, stock, orders = mods()
    whs = [warehouse.Warehouse("B", 1, stock.StockBook([stock.StockLevel("ABC-0001", on_hand=4)])),
           warehouse.Warehouse("A", 0, stock.StockBook([stock.StockLevel("ABC-0001", on_hand=3)])),
           warehouse.Warehouse("C", 2, stock.StockBook([stock.StockLevel("ABC-0001", on_hand=9)]))]
    order = orders.Order("SO-9")
    for sku, qty in lines:
        order.add_line(sku, qty, Decimal("1.00"))
    return warehouse, whs, order


def test_a_splitting_strategy_is_reserved_and_recorded():
    warehouse, whs, order = setup(("ABC-0001", 6))
    seen = []

    def split(sku, quantity, warehouses):
        seen.append((sku, quantity, [w.code for w in warehouses]))
        shares, left = [], quantity
        for w in warehouses:
            take = min(left, w.stock.level(sku).available)
            if take:
                shares.append((w, take))
                left -= take
        return shares if left == 0 else []

    result = warehouse.allocate(order, whs, strategy=split)
    assert seen == [("ABC-0001", 6, ["A", "B", "C"])]  # priority order
    assert result == {"ABC-0001": [("A", 3), ("B", 3)]}
    assert [w.stock.level("ABC-0001").reserved for w in whs] == [3, 3, 0]


def test_a_strategy_that_prefers_the_last_warehouse():
    warehouse, whs, order = setup(("ABC-0001", 2))
    result = warehouse.allocate(order, whs, strategy=lambda sku, q, ws: [(ws[-1], q)])
    assert result == {"ABC-0001": [("C", 2)]}
    assert whs[2].stock.level("ABC-0001").reserved == 2


def test_a_strategy_that_cannot_serve_raises_the_usual_error():
    warehouse, whs, order = setup(("ABC-0001", 2))
    with pytest.raises(warehouse.AllocationError, match="cannot allocate 2 x ABC-0001"):
        warehouse.allocate(order, whs, strategy=lambda sku, q, ws: [])
    assert all(w.stock.level("ABC-0001").reserved == 0 for w in whs)


def test_shares_that_do_not_add_up_are_refused():
    warehouse, whs, order = setup(("ABC-0001", 5))
    with pytest.raises(warehouse.AllocationError, match="cannot allocate 5 x ABC-0001"):
        warehouse.allocate(order, whs, strategy=lambda sku, q, ws: [(ws[0], 1), (ws[1], 1)])
