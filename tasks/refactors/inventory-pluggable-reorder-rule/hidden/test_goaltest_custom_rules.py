"""Goal tests (import the code): a StockBook takes any rule written against the ticket's
contract, and what is built on its suggestions follows it. Imports happen inside the tests,
so the untouched repo collects."""

import importlib
from datetime import date


class AvailableBelowPoint:
    """Reorder when available stock is below the point; order up to twice the point."""

    def __init__(self):
        self.asked = []

    def needs_reorder(self, level):
        return level.available < level.reorder_point

    def order_quantity(self, level):
        self.asked.append(level.sku)
        return 2 * level.reorder_point - level.available


def levels(stock):
    return [stock.StockLevel("BBB-0002", on_hand=6, reserved=5, reorder_point=5, reorder_qty=9),
            stock.StockLevel("AAA-0001", on_hand=2, reorder_point=5, reorder_qty=20),
            stock.StockLevel("CCC-0003", on_hand=10, reorder_point=5, reorder_qty=20),
            stock.StockLevel("DDD-0004", on_hand=0, reorder_point=0, reorder_qty=20)]


def test_a_custom_rule_decides_low_stock_and_quantities():
    stock = importlib.import_module("inventory.stock")
    rule = AvailableBelowPoint()
    book = stock.StockBook(levels(stock), rule=rule)
    assert [l.sku for l in book.low_stock()] == ["AAA-0001", "BBB-0002"]
    assert book.reorder_suggestions() == {"AAA-0001": 8, "BBB-0002": 9}
    assert sorted(rule.asked) == ["AAA-0001", "BBB-0002"]  # only levels that need reordering


def test_non_positive_quantities_are_left_out():
    stock = importlib.import_module("inventory.stock")

    class Everything:
        def needs_reorder(self, level):
            return True

        def order_quantity(self, level):
            return {"AAA-0001": 0, "BBB-0002": -3}.get(level.sku, 1)

    book = stock.StockBook(levels(stock), rule=Everything())
    assert [l.sku for l in book.low_stock()] == ["AAA-0001", "BBB-0002", "CCC-0003", "DDD-0004"]
    assert book.reorder_suggestions() == {"CCC-0003": 1, "DDD-0004": 1}


def test_purchase_orders_follow_the_books_rule():
    stock = importlib.import_module("inventory.stock")
    purchasing = importlib.import_module("inventory.purchasing")
    acme = purchasing.Supplier("ACME", "Acme")
    book = stock.StockBook(levels(stock), rule=AvailableBelowPoint())
    suppliers = {sku: acme for sku in ("AAA-0001", "BBB-0002", "CCC-0003", "DDD-0004")}
    [order] = purchasing.build_purchase_orders(book, suppliers, date(2024, 3, 4))
    assert [(l.sku, l.quantity) for l in order.lines] == [("AAA-0001", 8), ("BBB-0002", 9)]
