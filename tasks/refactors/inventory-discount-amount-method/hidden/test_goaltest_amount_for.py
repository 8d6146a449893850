"""Goal test (imports the code): Discount.amount_for answers for a bare subtotal. Imports
happen inside the test, so the untouched repo collects."""

import importlib
from decimal import Decimal


def test_amount_for():
    orders = importlib.import_module("inventory.orders")
    ten = orders.Discount("P10", percent=Decimal("10"), min_subtotal=Decimal("20"))
    assert str(ten.amount_for(Decimal("30.00"))) == "3.00"
    assert str(ten.amount_for(subtotal=Decimal("20.10"))) == "2.01"
    assert str(ten.amount_for(Decimal("19.99"))) == "0.00"
    assert str(orders.Discount("A", amount_off=Decimal("9")).amount_for(Decimal("4.00"))) == "4.00"
