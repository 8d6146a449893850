"""Behaviour that must be the same before and after the de-duplication: every site rejects a
non-positive quantity with the same message, first, and without side effects."""

from datetime import date
from decimal import Decimal

import pytest

from inventory.orders import LineItem, Order
from inventory.purchasing import PurchaseOrder, Supplier
from inventory.stock import InsufficientStock, StockBook, StockLevel

BAD = [0, -1, -250]


def book():
    return StockBook([StockLevel("ABC-0001", on_hand=5, reserved=2)])


@pytest.mark.parametrize("qty", BAD)
@pytest.mark.parametrize("method", ["receive", "reserve", "ship"])
def test_stock_book_rejects_non_positive(method, qty):
    b = book()
    with pytest.raises(ValueError) as excinfo:
        getattr(b, method)("ABC-0001", qty)
    assert str(excinfo.value) == f"quantity must be positive, got {qty}"
    assert type(excinfo.value) is ValueError
    level = b.level("ABC-0001")
    assert (level.on_hand, level.reserved) == (5, 2)


@pytest.mark.parametrize("method", ["receive", "reserve", "ship"])
def test_stock_book_checks_before_creating_a_level(method):
    b = book()
    with pytest.raises(ValueError, match="quantity must be positive, got 0"):
        getattr(b, method)("ZZZ-9999", 0)
    assert "ZZZ-9999" not in b
    assert [level.sku for level in b] == ["ABC-0001"]


def test_stock_book_other_errors_unchanged():
    b = book()
    with pytest.raises(InsufficientStock) as excinfo:
        b.reserve("ABC-0001", 4)
    assert str(excinfo.value) == "ABC-0001: requested 4, only 3 available"
    with pytest.raises(ValueError, match="ABC-0001: cannot ship 3, only 2 reserved"):
        b.ship("ABC-0001", 3)
    b.receive("ABC-0001", 1)
    b.reserve("ABC-0001", 1)
    b.ship("ABC-0001", 3)
    level = b.level("ABC-0001")
    assert (level.on_hand, level.reserved) == (3, 0)


def purchase_order():
    order = PurchaseOrder("PO-0009", Supplier("ACME", "Acme"), date(2024, 3, 4))
    order.add_line("ABC-0001", 10)
    return order


@pytest.mark.parametrize("qty", BAD)
def test_purchase_order_add_line_rejects_non_positive(qty):
    order = purchase_order()
    with pytest.raises(ValueError) as excinfo:
        order.add_line("ABC-0001", qty)
    assert str(excinfo.value) == f"quantity must be positive, got {qty}"
    with pytest.raises(ValueError, match=f"quantity must be positive, got {qty}"):
        order.add_line("XYZ-0002", qty)
    assert [(line.sku, line.quantity) for line in order.lines] == [("ABC-0001", 10)]


@pytest.mark.parametrize("qty", BAD)
def test_purchase_order_receive_rejects_non_positive_first(qty):
    order, b = purchase_order(), StockBook()
    with pytest.raises(ValueError) as excinfo:
        order.receive(b, "ABC-0001", qty)
    assert str(excinfo.value) == f"quantity must be positive, got {qty}"
    # a bad quantity wins over an SKU that is not on the order
    with pytest.raises(ValueError, match=f"quantity must be positive, got {qty}"):
        order.receive(b, "XYZ-0002", qty)
    assert order.lines[0].received == 0
    assert list(b) == []


def test_purchase_order_receive_unknown_sku_message():
    order = purchase_order()
    with pytest.raises(KeyError, match="XYZ-0002 is not on purchase order PO-0009"):
        order.receive(StockBook(), "XYZ-0002", 1)


def test_purchase_order_over_delivery_still_booked_as_is():
    order, b = purchase_order(), StockBook()
    order.receive(b, "ABC-0001", 12)
    assert order.lines[0].outstanding == -2
    assert b.level("ABC-0001").on_hand == 12
    assert order.is_complete()


@pytest.mark.parametrize("qty", BAD)
def test_line_item_rejects_non_positive(qty):
    with pytest.raises(ValueError) as excinfo:
        LineItem("ABC-0001", qty, Decimal("1.00"))
    assert str(excinfo.value) == f"quantity must be positive, got {qty}"


def test_line_item_checks_quantity_before_price():
    with pytest.raises(ValueError, match="quantity must be positive, got 0"):
        LineItem("ABC-0001", 0, Decimal("-1"))
    with pytest.raises(ValueError, match="unit price must not be negative, got -1"):
        LineItem("ABC-0001", 1, Decimal("-1"))


def test_order_add_line_goes_through_the_line_item_rule():
    order = Order("SO-1")
    with pytest.raises(ValueError, match="quantity must be positive, got 0"):
        order.add_line("ABC-0001", 0, Decimal("1.00"))
    assert order.lines == ()
    order.add_line("ABC-0001", 3, Decimal("1.00"))
    # merging checks the merged quantity, as before: a negative top-up that leaves a
    # positive quantity is accepted, one that does not is rejected
    order.add_line("ABC-0001", -1, Decimal("1.00"))
    assert order.lines[0].quantity == 2
    with pytest.raises(ValueError, match="quantity must be positive, got 0"):
        order.add_line("ABC-0001", -2, Decimal("1.00"))
    assert order.lines[0].quantity == 2


def test_other_validations_unchanged():
    with pytest.raises(ValueError, match="pack size must be positive, got 0"):
        Supplier("S", "S", pack_size=0)
    with pytest.raises(ValueError, match="lead time must not be negative, got -1"):
        Supplier("S", "S", lead_time_days=-1)
    with pytest.raises(ValueError, match="reorder point and quantity must not be negative"):
        StockBook().set_policy("ABC-0001", 0, -1)
