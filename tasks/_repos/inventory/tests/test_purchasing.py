from datetime import date

import pytest

from inventory.purchasing import PurchaseOrder, Supplier, build_purchase_orders
from inventory.stock import StockBook, StockLevel

ACME = Supplier("ACME", "Acme Fasteners", lead_time_days=3)


def test_supplier_validation():
    with pytest.raises(ValueError):
        Supplier("BAD", "Bad", lead_time_days=-1)
    with pytest.raises(ValueError):
        Supplier("BAD", "Bad", pack_size=0)


def test_expected_on_adds_lead_time():
    order = PurchaseOrder("PO-0001", ACME, date(2024, 3, 4))
    assert order.expected_on == date(2024, 3, 7)
    same_day = Supplier("LOCAL", "Local Depot", lead_time_days=0)
    assert PurchaseOrder("PO-0002", same_day, date(2024, 3, 4)).expected_on == date(2024, 3, 4)


def test_add_line_merges_and_keeps_loose_units():
    order = PurchaseOrder("PO-0001", Supplier("BOX", "Boxed", pack_size=12), date(2024, 3, 4))
    order.add_line("ABC-0001", 5)
    order.add_line("ABC-0001", 2)
    assert [(line.sku, line.quantity) for line in order.lines] == [("ABC-0001", 7)]
    with pytest.raises(ValueError, match="quantity must be positive"):
        order.add_line("ABC-0001", 0)


def test_receive_books_stock_and_completes_order():
    book = StockBook()
    order = PurchaseOrder("PO-0001", ACME, date(2024, 3, 4))
    order.add_line("ABC-0001", 10)
    order.receive(book, "ABC-0001", 4)
    assert (order.lines[0].outstanding, book.level("ABC-0001").on_hand) == (6, 4)
    assert not order.is_complete()
    order.receive(book, "ABC-0001", 6)
    assert order.is_complete()
    with pytest.raises(KeyError):
        order.receive(book, "XYZ-0002", 1)


def test_build_purchase_orders_groups_by_supplier():
    book = StockBook(
        [
            StockLevel("XYZ-0002", on_hand=0, reorder_point=5, reorder_qty=30),
            StockLevel("ABC-0001", on_hand=1, reorder_point=5, reorder_qty=20),
            StockLevel("NUT-0003", on_hand=2, reorder_point=5, reorder_qty=10),
            StockLevel("GLU-0004", on_hand=50, reorder_point=5, reorder_qty=10),
        ]
    )
    bolts = Supplier("BOLTS", "Bolts Ltd")
    suppliers = {"XYZ-0002": ACME, "ABC-0001": ACME, "NUT-0003": bolts, "GLU-0004": bolts}
    orders = build_purchase_orders(book, suppliers, date(2024, 3, 4), first_number=7)
    assert [(o.number, o.supplier.code) for o in orders] == [("PO-0007", "ACME"), ("PO-0008", "BOLTS")]
    assert [(line.sku, line.quantity) for line in orders[0].lines] == [("ABC-0001", 20), ("XYZ-0002", 30)]
    assert [(line.sku, line.quantity) for line in orders[1].lines] == [("NUT-0003", 10)]
    assert all(o.ordered_on == date(2024, 3, 4) for o in orders)


def test_build_purchase_orders_skips_skus_without_supplier():
    book = StockBook([StockLevel("ABC-0001", on_hand=0, reorder_point=5, reorder_qty=20)])
    assert build_purchase_orders(book, {}, date(2024, 3, 4)) == []
