"""Goal test (imports the code): inventory.money rounds half up, and the modules that had
their own CENT now share the new module's. Imports happen inside the test, so the untouched
repo collects."""

import importlib
from decimal import Decimal


def test_round_money_and_shared_cent():
    money = importlib.import_module("inventory.money")
    orders = importlib.import_module("inventory.orders")
    reports = importlib.import_module("inventory.reports")
    assert money.round_money(Decimal("0.125")) == Decimal("0.13")
    assert str(money.round_money(Decimal("-2.5E-3"))) == "-0.00"
    assert str(money.round_money(value=Decimal("7"))) == "7.00"
    assert orders.CENT is money.CENT
    assert reports.CENT is money.CENT
