from datetime import date

import pytest

from inventory.purchasing import PurchaseOrder, Supplier
from inventory.stock import StockBook

ACME = Supplier("ACME", "Acme Fasteners", lead_time_days=3)  # ordered 2024-03-04 -> due 2024-03-07


def open_order() -> PurchaseOrder:
    order = PurchaseOrder("PO-0001", ACME, date(2024, 3, 4))
    order.add_line("ABC-0001", 10)
    order.add_line("XYZ-0002", 4)
    return order


def test_overdue_the_day_after_the_expected_date():
    assert open_order().is_overdue(date(2024, 3, 8)) is True
    assert open_order().is_overdue(date(2024, 4, 30)) is True


def test_not_overdue_on_the_expected_date_itself():
    assert open_order().is_overdue(date(2024, 3, 7)) is False


def test_not_overdue_before_the_expected_date():
    assert open_order().is_overdue(date(2024, 3, 4)) is False
    assert open_order().is_overdue(date(2024, 3, 6)) is False


def test_partially_received_order_is_still_overdue():
    order = open_order()
    book = StockBook()
    order.receive(book, "ABC-0001", 10)
    order.receive(book, "XYZ-0002", 3)
    assert order.is_overdue(date(2024, 3, 8)) is True


def test_completely_received_order_is_never_overdue():
    order = open_order()
    book = StockBook()
    order.receive(book, "ABC-0001", 10)
    order.receive(book, "XYZ-0002", 4)
    assert order.is_overdue(date(2024, 3, 8)) is False
    assert order.is_overdue(date(2025, 1, 1)) is False


def test_uses_the_supplier_lead_time():
    same_day = Supplier("LOCAL", "Local Depot", lead_time_days=0)
    order = PurchaseOrder("PO-0002", same_day, date(2024, 3, 4))
    order.add_line("ABC-0001", 1)
    assert order.is_overdue(date(2024, 3, 4)) is False
    assert order.is_overdue(date(2024, 3, 5)) is True


def test_today_is_a_required_argument():
    # "today is a required argument: the method must not read the system clock"
    with pytest.raises(TypeError):
        open_order().is_overdue()  # type: ignore[call-arg]
