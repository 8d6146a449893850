"""Guard: public holidays are out of scope (INV-215). Every Monday to Friday counts as a
business day, public holiday or not, and Supplier gets no holiday dates. The cases stay inside
one week, so they hold before the ticket as well."""

import dataclasses
from datetime import date

from inventory.purchasing import PurchaseOrder, Supplier


def expected(ordered_on: date, lead_time_days: int) -> date:
    supplier = Supplier("ACME", "Acme Fasteners", lead_time_days=lead_time_days)
    return PurchaseOrder("PO-0001", supplier, ordered_on).expected_on


def test_weekday_public_holidays_count_as_business_days():
    assert expected(date(2024, 12, 23), 2) == date(2024, 12, 25)  # Christmas Day
    assert expected(date(2024, 12, 23), 4) == date(2024, 12, 27)  # over Christmas and Boxing Day
    assert expected(date(2024, 12, 30), 3) == date(2025, 1, 2)  # over New Year's Day
    assert expected(date(2024, 7, 3), 2) == date(2024, 7, 5)  # over Independence Day
    assert expected(date(2024, 3, 28), 1) == date(2024, 3, 29)  # Good Friday


def test_supplier_has_no_holiday_field():
    assert [f.name for f in dataclasses.fields(Supplier)] == ["code", "name", "lead_time_days", "pack_size"]
