"""Behaviour that must be the same before and after the move, through the order's public
methods: thresholds, percentages, fixed amounts, the cap and the rounding."""

from decimal import Decimal

import pytest

from inventory.orders import Discount, Order


def order_of(*prices):
    order = Order("SO-1")
    for i, price in enumerate(prices):
        order.add_line(f"ABC-000{i}", 1, Decimal(price))
    return order


def test_no_discount_is_zero():
    order = order_of("30.00")
    assert str(order.discount_total()) == "0.00"
    assert str(Order("SO-0").discount_total()) == "0.00"
    assert order.discount is None


@pytest.mark.parametrize(("prices", "discount", "off"), [
    (("30.00",), Discount("P10", percent=Decimal("10")), "3.00"),
    (("10.05",), Discount("P5", percent=Decimal("5")), "0.50"),          # 0.5025
    (("0.10",), Discount("P15", percent=Decimal("15")), "0.02"),         # 0.015 rounds half up
    (("30.00",), Discount("A5", amount_off=Decimal("5")), "5.00"),
    (("30.00",), Discount("A", amount_off=Decimal("0.125")), "0.13"),    # fixed amount rounds too
    (("0.10",), Discount("PA", percent=Decimal("5"), amount_off=Decimal("0.005")), "0.02"),
    (("20.00", "10.00"), Discount("BOTH", percent=Decimal("10"), amount_off=Decimal("2")), "5.00"),
    (("1.00",), Discount("HUGE", amount_off=Decimal("100")), "1.00"),     # capped
    (("1.00",), Discount("ALL", percent=Decimal("100")), "1.00"),
    (("1.00",), Discount("OVER", percent=Decimal("60"), amount_off=Decimal("0.6")), "1.00"),
    (("30.00",), Discount("NONE"), "0.00"),
])
def test_discount_amounts(prices, discount, off):
    order = order_of(*prices)
    order.apply_discount(discount)
    assert str(order.discount_total()) == off
    assert order.total() == order.subtotal() - Decimal(off)


@pytest.mark.parametrize(("minimum", "applies"), [
    ("29.99", True), ("30.00", True), ("30", True), ("30.01", False), ("100", False),
])
def test_min_subtotal_boundary(minimum, applies):
    order = order_of("20.00", "10.00")
    order.apply_discount(Discount("MIN", amount_off=Decimal("5"), min_subtotal=Decimal(minimum)))
    assert str(order.discount_total()) == ("5.00" if applies else "0.00")
    assert str(order.total()) == ("25.00" if applies else "30.00")


def test_threshold_follows_the_current_lines():
    order = order_of("20.00", "10.00")
    order.apply_discount(Discount("MIN", percent=Decimal("10"), min_subtotal=Decimal("25")))
    assert str(order.discount_total()) == "3.00"
    order.remove_line("ABC-0001")
    assert str(order.discount_total()) == "0.00"
    order.add_line("XYZ-0009", 1, Decimal("5.00"))
    assert str(order.discount_total()) == "2.50"


def test_replacing_the_discount():
    order = order_of("30.00")
    order.apply_discount(Discount("A", amount_off=Decimal("5")))
    order.apply_discount(Discount("B", percent=Decimal("50")))
    assert order.discount.code == "B"
    assert str(order.total()) == "15.00"


def test_empty_order_with_discount():
    order = Order("SO-2")
    order.apply_discount(Discount("A", amount_off=Decimal("5")))
    assert str(order.discount_total()) == "0.00"
    assert str(order.total()) == "0.00"


def test_discount_validation_unchanged():
    with pytest.raises(ValueError, match="percent must be between 0 and 100, got 101"):
        Discount("BAD", percent=Decimal("101"))
    with pytest.raises(ValueError, match="amount off must not be negative, got -0.01"):
        Discount("BAD", amount_off=Decimal("-0.01"))
    Discount("EDGE", percent=Decimal("0"))
    Discount("EDGE", percent=Decimal("100"))
