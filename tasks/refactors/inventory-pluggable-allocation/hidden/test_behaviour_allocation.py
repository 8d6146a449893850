"""Behaviour that must be the same before and after the change, through names public before
it: allocate without a strategy serves each line whole from the first warehouse (priority,
then code) that can cover it, reserving as it goes."""

from decimal import Decimal

import pytest

from inventory.orders import Order
from inventory.stock import StockBook, StockLevel
from inventory.warehouse import AllocationError, Warehouse, allocate, by_priority, total_available


def wh(code, priority, **on_hand):
    levels = [StockLevel(sku.replace("_", "-"), on_hand=qty) for sku, qty in on_hand.items()]
    return Warehouse(code, priority, StockBook(levels))


def order(*lines):
    o = Order("SO-1")
    for sku, qty in lines:
        o.add_line(sku, qty, Decimal("1.00"))
    return o


def reserved(w, sku):
    return w.stock.level(sku).reserved if sku in w.stock else 0


def test_whole_line_from_first_covering_warehouse():
    a, b, c = wh("A", 0, ABC_0001=2), wh("B", 1, ABC_0001=5), wh("C", 2, ABC_0001=9)
    assert allocate(order(("ABC-0001", 4)), [c, a, b]) == {"ABC-0001": [("B", 4)]}
    assert (reserved(a, "ABC-0001"), reserved(b, "ABC-0001"), reserved(c, "ABC-0001")) == (0, 4, 0)


def test_never_splits_a_line_even_if_the_total_would_do():
    a, b = wh("A", 0, ABC_0001=3), wh("B", 1, ABC_0001=3)
    assert total_available([a, b], "ABC-0001") == 6
    with pytest.raises(AllocationError) as excinfo:
        allocate(order(("ABC-0001", 5)), [a, b])
    assert str(excinfo.value) == "cannot allocate 5 x ABC-0001"
    assert (reserved(a, "ABC-0001"), reserved(b, "ABC-0001")) == (0, 0)


def test_ties_in_priority_go_by_code():
    z, m = wh("Z", 1, ABC_0001=5), wh("M", 1, ABC_0001=5)
    assert allocate(order(("ABC-0001", 1)), [z, m]) == {"ABC-0001": [("M", 1)]}
    assert [w.code for w in by_priority([z, m])] == ["M", "Z"]


def test_exact_cover_and_reservations_count():
    a = Warehouse("A", 0, StockBook([StockLevel("ABC-0001", on_hand=5, reserved=2)]))
    b = wh("B", 1, ABC_0001=10)
    assert allocate(order(("ABC-0001", 3)), [a, b]) == {"ABC-0001": [("A", 3)]}
    assert allocate(order(("ABC-0001", 1)), [a, b]) == {"ABC-0001": [("B", 1)]}
    assert (a.stock.level("ABC-0001").reserved, reserved(b, "ABC-0001")) == (5, 1)


def test_lines_are_served_independently_and_in_order():
    a, b = wh("A", 0, ABC_0001=5, XYZ_0002=1), wh("B", 1, XYZ_0002=7)
    result = allocate(order(("XYZ-0002", 2), ("ABC-0001", 5)), (b, a))
    assert result == {"XYZ-0002": [("B", 2)], "ABC-0001": [("A", 5)]}
    assert list(result) == ["XYZ-0002", "ABC-0001"]


def test_failure_keeps_the_lines_reserved_before_it():
    a = wh("A", 0, ABC_0001=5, XYZ_0002=1)
    o = order(("ABC-0001", 2), ("XYZ-0002", 3), ("NUT-0003", 1))
    with pytest.raises(AllocationError, match="cannot allocate 3 x XYZ-0002"):
        allocate(o, [a])
    assert reserved(a, "ABC-0001") == 2     # allocated before the failing line: kept
    assert reserved(a, "XYZ-0002") == 0
    assert "NUT-0003" not in a.stock         # never reached


def test_no_warehouses_and_empty_orders():
    assert allocate(Order("SO-0"), []) == {}
    assert allocate(Order("SO-0"), [wh("A", 0)]) == {}
    with pytest.raises(AllocationError, match="cannot allocate 1 x ABC-0001"):
        allocate(order(("ABC-0001", 1)), [])


def test_input_sequence_is_not_reordered():
    whs = [wh("B", 1, ABC_0001=5), wh("A", 0, ABC_0001=5)]
    allocate(order(("ABC-0001", 1)), whs)
    assert [w.code for w in whs] == ["B", "A"]


def test_positional_and_keyword_calls():
    a = wh("A", 0, ABC_0001=5)
    assert allocate(order(("ABC-0001", 1)), [a]) == {"ABC-0001": [("A", 1)]}
    assert allocate(order=order(("ABC-0001", 1)), warehouses=[a]) == {"ABC-0001": [("A", 1)]}
    assert reserved(a, "ABC-0001") == 2
