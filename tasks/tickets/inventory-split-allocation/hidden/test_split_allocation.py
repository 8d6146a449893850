from decimal import Decimal

import pytest

from inventory.orders import Order
from inventory.stock import StockBook, StockLevel
from inventory.warehouse import AllocationError, Warehouse, allocate


def make_warehouse(code: str, priority: int, stock: dict[str, int], reserved: dict[str, int] | None = None) -> Warehouse:
    reserved = reserved or {}
    levels = [StockLevel(sku, on_hand=qty, reserved=reserved.get(sku, 0)) for sku, qty in stock.items()]
    return Warehouse(code, priority, StockBook(levels))


def make_order(*lines: tuple[str, int]) -> Order:
    order = Order("SO-7")
    for sku, qty in lines:
        order.add_line(sku, qty, Decimal("1.00"))
    return order


def reserved_snapshot(warehouses: list[Warehouse], skus: list[str]) -> dict[tuple[str, str], int]:
    return {(w.code, sku): w.stock.level(sku).reserved for w in warehouses for sku in skus}


# -- StockBook.release -------------------------------------------------------


def test_release_returns_units_to_available():
    book = StockBook([StockLevel("ABC-0001", on_hand=10, reserved=4)])
    book.release("ABC-0001", 3)
    level = book.level("ABC-0001")
    assert (level.on_hand, level.reserved, level.available) == (10, 1, 9)
    book.release("ABC-0001", 1)
    assert book.level("ABC-0001").reserved == 0


@pytest.mark.parametrize("qty", [0, -2])
def test_release_rejects_non_positive_quantities(qty):
    book = StockBook([StockLevel("ABC-0001", on_hand=10, reserved=4)])
    with pytest.raises(ValueError, match="quantity must be positive"):
        book.release("ABC-0001", qty)
    assert book.level("ABC-0001").reserved == 4


def test_release_more_than_reserved_is_rejected():
    book = StockBook([StockLevel("ABC-0001", on_hand=10, reserved=4)])
    with pytest.raises(ValueError):
        book.release("ABC-0001", 5)
    assert book.level("ABC-0001").reserved == 4
    with pytest.raises(ValueError):
        book.release("ZZZ-0009", 1)


# -- allocate ----------------------------------------------------------------


def test_line_is_split_in_priority_order_when_no_warehouse_covers_it():
    a = make_warehouse("A", 0, {"ABC-0001": 2})
    b = make_warehouse("B", 1, {"ABC-0001": 1})
    c = make_warehouse("C", 2, {"ABC-0001": 5})
    allocation = allocate(make_order(("ABC-0001", 6)), [c, a, b])
    assert allocation == {"ABC-0001": [("A", 2), ("B", 1), ("C", 3)]}
    assert reserved_snapshot([a, b, c], ["ABC-0001"]) == {
        ("A", "ABC-0001"): 2,
        ("B", "ABC-0001"): 1,
        ("C", "ABC-0001"): 3,
    }


def test_split_skips_warehouses_without_available_stock():
    a = make_warehouse("A", 0, {"ABC-0001": 4}, reserved={"ABC-0001": 4})
    b = make_warehouse("B", 1, {"ABC-0001": 3})
    c = make_warehouse("C", 1, {"ABC-0001": 3})
    allocation = allocate(make_order(("ABC-0001", 5)), [a, c, b])
    assert allocation == {"ABC-0001": [("B", 3), ("C", 2)]}
    assert a.stock.level("ABC-0001").reserved == 4


def test_single_warehouse_still_preferred_over_split():
    a = make_warehouse("A", 0, {"ABC-0001": 2, "XYZ-0002": 1})
    b = make_warehouse("B", 1, {"ABC-0001": 9, "XYZ-0002": 1})
    allocation = allocate(make_order(("ABC-0001", 5), ("XYZ-0002", 2)), [a, b])
    assert allocation == {"ABC-0001": [("B", 5)], "XYZ-0002": [("A", 1), ("B", 1)]}


def test_failure_rolls_back_every_reservation_of_the_call():
    a = make_warehouse("A", 0, {"ABC-0001": 5, "XYZ-0002": 1}, reserved={"ABC-0001": 1})
    b = make_warehouse("B", 1, {"XYZ-0002": 2, "NUT-0003": 1})
    skus = ["ABC-0001", "XYZ-0002", "NUT-0003"]
    before = reserved_snapshot([a, b], skus)
    order = make_order(("ABC-0001", 3), ("XYZ-0002", 3), ("NUT-0003", 4))
    with pytest.raises(AllocationError, match=r"cannot allocate 4 x NUT-0003"):
        allocate(order, [a, b])
    assert reserved_snapshot([a, b], skus) == before


def test_successful_allocation_after_failed_one_sees_all_stock():
    a = make_warehouse("A", 0, {"ABC-0001": 2})
    b = make_warehouse("B", 1, {"ABC-0001": 2, "XYZ-0002": 1})
    with pytest.raises(AllocationError):
        allocate(make_order(("ABC-0001", 4), ("XYZ-0002", 2)), [a, b])
    allocation = allocate(make_order(("ABC-0001", 4)), [a, b])
    assert allocation == {"ABC-0001": [("A", 2), ("B", 2)]}
