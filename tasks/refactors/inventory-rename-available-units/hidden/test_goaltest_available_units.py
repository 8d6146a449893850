"""Goal test (imports the code): the renamed method answers as the old one did, and the
old name is gone. Imports happen inside the test, so the untouched repo collects."""

import importlib


def test_available_units_replaces_available():
    stock = importlib.import_module("inventory.stock")
    book = stock.StockBook([stock.StockLevel("ABC-0001", on_hand=5, reserved=2)])
    assert book.available_units("ABC-0001") == 3
    assert book.available_units(sku="ZZZ-9999") == 0
    assert not hasattr(stock.StockBook, "available")
