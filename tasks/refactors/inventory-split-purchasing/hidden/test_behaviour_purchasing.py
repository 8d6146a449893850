"""Behaviour that must be the same before and after the split, through inventory.purchasing:
suppliers, purchase orders and receiving, and planning orders from reorder suggestions."""

from datetime import date
from types import MappingProxyType

import pytest

from inventory import purchasing
from inventory.purchasing import PurchaseOrder, Supplier, build_purchase_orders
from inventory.stock import StockBook, StockLevel

DAY = date(2024, 3, 4)
ACME = Supplier("ACME", "Acme Fasteners", lead_time_days=3)
BOLTS = Supplier("BOLTS", "Bolts Ltd")


def test_supplier_defaults_and_validation():
    s = Supplier("X", "X Ltd")
    assert (s.lead_time_days, s.pack_size) == (7, 1)
    with pytest.raises(ValueError, match="lead time must not be negative, got -1"):
        Supplier("BAD", "Bad", lead_time_days=-1)
    with pytest.raises(ValueError, match="pack size must be positive, got 0"):
        Supplier("BAD", "Bad", pack_size=0)
    with pytest.raises(AttributeError):
        s.code = "Y"  # frozen


def test_purchase_order_basics():
    order = PurchaseOrder("PO-0001", ACME, DAY)
    assert (order.number, order.supplier, order.ordered_on) == ("PO-0001", ACME, DAY)
    assert order.expected_on == date(2024, 3, 7)
    assert order.lines == ()
    assert order.is_complete()  # nothing outstanding on an empty order
    first = order.add_line("ABC-0001", 5)
    again = order.add_line("ABC-0001", 2)
    assert first is again
    assert (first.sku, first.quantity, first.received, first.outstanding) == ("ABC-0001", 7, 0, 7)
    order.add_line("AAA-0001", 1)
    assert [line.sku for line in order.lines] == ["ABC-0001", "AAA-0001"]  # insertion order
    with pytest.raises(ValueError, match="quantity must be positive, got 0"):
        order.add_line("ABC-0001", 0)


def test_receiving():
    book = StockBook()
    order = PurchaseOrder("PO-0002", ACME, DAY)
    order.add_line("ABC-0001", 10)
    order.receive(book, "ABC-0001", 4)
    assert (order.lines[0].outstanding, book.level("ABC-0001").on_hand) == (6, 4)
    assert not order.is_complete()
    order.receive(book, "ABC-0001", 7)  # over-delivery is booked as is (INV-211)
    assert order.lines[0].outstanding == -1
    assert book.level("ABC-0001").on_hand == 11
    assert order.is_complete()
    with pytest.raises(KeyError, match="XYZ-0002 is not on purchase order PO-0002"):
        order.receive(book, "XYZ-0002", 1)
    with pytest.raises(ValueError, match="quantity must be positive, got 0"):
        order.receive(book, "XYZ-0002", 0)


def low(sku, qty, on_hand=0):
    return StockLevel(sku, on_hand=on_hand, reorder_point=5, reorder_qty=qty)


def test_planning_groups_sorts_and_numbers():
    book = StockBook([low("XYZ-0002", 30), low("ABC-0001", 20, on_hand=1), low("NUT-0003", 10),
                      StockLevel("GLU-0004", on_hand=50, reorder_point=5, reorder_qty=10),
                      low("ZZZ-0005", 0), low("QQQ-0006", 4)])
    suppliers = {"XYZ-0002": BOLTS, "ABC-0001": ACME, "NUT-0003": BOLTS, "GLU-0004": ACME,
                 "ZZZ-0005": ACME}
    orders = build_purchase_orders(book, suppliers, DAY)
    assert [(o.number, o.supplier.code) for o in orders] == [("PO-0001", "ACME"),
                                                              ("PO-0002", "BOLTS")]
    assert [(l.sku, l.quantity) for l in orders[0].lines] == [("ABC-0001", 20)]
    assert [(l.sku, l.quantity) for l in orders[1].lines] == [("NUT-0003", 10), ("XYZ-0002", 30)]
    assert all(isinstance(o, purchasing.PurchaseOrder) for o in orders)
    assert all(isinstance(l, purchasing.PurchaseLine) for o in orders for l in o.lines)
    assert orders[1].supplier is BOLTS
    assert all(o.ordered_on == DAY and o.expected_on >= DAY for o in orders)


def test_planning_numbers_from_first_number():
    book = StockBook([low("ABC-0001", 20)])
    [order] = build_purchase_orders(book, {"ABC-0001": ACME}, DAY, first_number=12345)
    assert order.number == "PO-12345"
    [order] = build_purchase_orders(book=book, suppliers={"ABC-0001": ACME}, ordered_on=DAY,
                                    first_number=0)
    assert order.number == "PO-0000"


def test_planning_groups_by_supplier_code():
    # two supplier records with the same code make one order; the record of the last SKU wins
    early = Supplier("ACME", "Acme (old record)", lead_time_days=10)
    book = StockBook([low("ABC-0001", 20), low("XYZ-0002", 30)])
    [order] = build_purchase_orders(book, {"ABC-0001": early, "XYZ-0002": ACME}, DAY)
    assert order.supplier is ACME
    assert [(l.sku, l.quantity) for l in order.lines] == [("ABC-0001", 20), ("XYZ-0002", 30)]


def test_planning_edge_cases():
    assert build_purchase_orders(StockBook(), {"ABC-0001": ACME}, DAY) == []
    book = StockBook([low("ABC-0001", 20)])
    assert build_purchase_orders(book, {}, DAY) == []
    proxy = MappingProxyType({"ABC-0001": ACME})
    assert [o.supplier.code for o in build_purchase_orders(book, proxy, DAY)] == ["ACME"]
    book.receive("ABC-0001", 5)  # no longer low
    assert build_purchase_orders(book, proxy, DAY) == []
