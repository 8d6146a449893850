from decimal import Decimal

import pytest

from inventory.orders import Discount, LineItem, Order


def make_order() -> Order:
    order = Order("SO-1")
    order.add_line("ABC-0001", 2, Decimal("12.50"))
    order.add_line("XYZ-0002", 1, Decimal("5.00"))
    return order


def test_line_total_rounds_half_up():
    assert LineItem("ABC-0001", 3, Decimal("0.335")).total == Decimal("1.01")


def test_line_item_validation():
    with pytest.raises(ValueError):
        LineItem("ABC-0001", 0, Decimal("1"))
    with pytest.raises(ValueError):
        LineItem("ABC-0001", 1, Decimal("-1"))


def test_subtotal_and_total_without_discount():
    order = make_order()
    assert order.subtotal() == Decimal("30.00")
    assert order.discount_total() == Decimal("0.00")
    assert order.total() == Decimal("30.00")


def test_add_line_merges_same_sku():
    order = make_order()
    order.add_line("ABC-0001", 1, Decimal("12.50"))
    assert [(line.sku, line.quantity) for line in order.lines] == [("ABC-0001", 3), ("XYZ-0002", 1)]
    with pytest.raises(ValueError):
        order.add_line("ABC-0001", 1, Decimal("9.99"))


def test_remove_line():
    order = make_order()
    order.remove_line("XYZ-0002")
    assert order.subtotal() == Decimal("25.00")


def test_percent_discount():
    order = make_order()
    order.apply_discount(Discount("TENOFF", percent=Decimal("10")))
    assert order.discount_total() == Decimal("3.00")
    assert order.total() == Decimal("27.00")


def test_discount_below_min_subtotal_ignored():
    order = make_order()
    order.apply_discount(Discount("BIG", amount_off=Decimal("5"), min_subtotal=Decimal("50")))
    assert order.total() == Decimal("30.00")


def test_amount_off_never_exceeds_subtotal():
    order = make_order()
    order.apply_discount(Discount("HUGE", amount_off=Decimal("100")))
    assert order.total() == Decimal("0.00")


def test_discount_validation():
    with pytest.raises(ValueError):
        Discount("BAD", percent=Decimal("120"))
    with pytest.raises(ValueError):
        Discount("BAD", amount_off=Decimal("-1"))
