"""Behaviour that must be the same before and after the extraction, through names public
before it: every amount rounds half up (away from zero) to the cent, where it did before."""

from decimal import Decimal

import pytest

from inventory import orders, reports
from inventory.orders import Discount, LineItem, Order
from inventory.products import Catalog, Product
from inventory.reports import format_money, stock_report_csv
from inventory.stock import StockBook, StockLevel


@pytest.mark.parametrize(("value", "want"), [
    ("12.5", "12.50"),
    ("0.125", "0.13"),
    ("0.135", "0.14"),
    ("2.675", "2.68"),
    ("0.004999", "0.00"),
    ("-0.125", "-0.13"),       # halves go away from zero
    ("-0.001", "-0.00"),
    ("5", "5.00"),
    ("1E+1", "10.00"),
    ("0", "0.00"),
    ("1234567.891", "1234567.89"),
])
def test_format_money(value, want):
    assert format_money(Decimal(value)) == want
    assert format_money(value=Decimal(value)) == want


def test_cent_constants_keep_their_value():
    assert orders.CENT == Decimal("0.01")
    assert reports.CENT == Decimal("0.01")
    assert orders.ZERO == Decimal("0.00")


@pytest.mark.parametrize(("qty", "price", "want"), [
    (1, "0.005", "0.01"),
    (3, "0.335", "1.01"),
    (2, "0.0025", "0.01"),
    (7, "1.10", "7.70"),
    (1, "0", "0.00"),
])
def test_line_totals_round_half_up(qty, price, want):
    total = LineItem("ABC-0001", qty, Decimal(price)).total
    assert total == Decimal(want)
    assert str(total) == want


def test_subtotal_of_rounded_lines_and_of_an_empty_order():
    order = Order("SO-1")
    assert str(order.subtotal()) == "0.00"
    assert str(order.total()) == "0.00"
    order.add_line("ABC-0001", 1, Decimal("0.005"))
    order.add_line("XYZ-0002", 1, Decimal("0.005"))
    assert str(order.subtotal()) == "0.02"  # each line rounds first


def order_of(*prices):
    order = Order("SO-1")
    for i, price in enumerate(prices):
        order.add_line(f"ABC-000{i}", 1, Decimal(price))
    return order


@pytest.mark.parametrize(("prices", "discount", "off"), [
    (("10.05",), Discount("P5", percent=Decimal("5")), "0.50"),        # 0.5025
    (("0.10",), Discount("P15", percent=Decimal("15")), "0.02"),       # 0.015
    (("30.00",), Discount("A", amount_off=Decimal("0.125")), "0.13"),  # fixed amount rounds too
    (("30.00",), Discount("B", amount_off=Decimal("0.004")), "0.00"),
    (("10.05",), Discount("C", percent=Decimal("5"), amount_off=Decimal("0.005")), "0.51"),
    (("1.00",), Discount("D", amount_off=Decimal("2.555")), "1.00"),   # capped at the subtotal
    (("1.00",), Discount("E", percent=Decimal("100")), "1.00"),
    (("5.00",), Discount("F", amount_off=Decimal("1"), min_subtotal=Decimal("5.001")), "0.00"),
])
def test_discount_total_rounds_where_it_did(prices, discount, off):
    order = order_of(*prices)
    order.apply_discount(discount)
    assert str(order.discount_total()) == off
    assert order.total() == order.subtotal() - Decimal(off)


def test_discounted_total_keeps_two_decimals():
    order = order_of("30.00")
    order.apply_discount(Discount("A", amount_off=Decimal("0.125")))
    assert str(order.total()) == "29.87"


def test_report_values_round_half_up():
    book = StockBook([StockLevel("ABC-0001", on_hand=3), StockLevel("XYZ-0002", on_hand=1)])
    catalog = Catalog([Product("ABC-0001", "Bolt", Decimal("0.125")),
                       Product("XYZ-0002", "Nut", Decimal("0.335"))])
    assert stock_report_csv(book, catalog).splitlines()[1:] == [
        "ABC-0001,Bolt,3,0,3,0,0.38",
        "XYZ-0002,Nut,1,0,1,0,0.34",
    ]
