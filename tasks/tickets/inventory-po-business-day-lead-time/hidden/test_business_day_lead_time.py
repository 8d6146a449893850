from datetime import date

import pytest

from inventory.purchasing import PurchaseOrder, Supplier

# March 2024: Fri 1, Sat 2, Sun 3, Mon 4, ... Thu 7, Fri 8, Sat 9, Sun 10, Mon 11.


def expected(ordered_on: date, lead_time_days: int) -> date:
    supplier = Supplier("ACME", "Acme Fasteners", lead_time_days=lead_time_days)
    return PurchaseOrder("PO-0001", supplier, ordered_on).expected_on


@pytest.mark.parametrize(
    ("ordered_on", "lead", "due"),
    [
        (date(2024, 3, 1), 1, date(2024, 3, 4)),  # Friday + 1 -> Monday
        (date(2024, 3, 7), 2, date(2024, 3, 11)),  # Thursday + 2 -> Monday
        (date(2024, 3, 4), 5, date(2024, 3, 11)),  # Monday + 5 -> next Monday
        (date(2024, 3, 6), 10, date(2024, 3, 20)),  # Wednesday + 10 -> Wednesday in two weeks
        (date(2024, 3, 8), 7, date(2024, 3, 19)),  # Friday + 7 -> Tuesday week after next
    ],
)
def test_lead_time_skips_weekends(ordered_on, lead, due):
    assert expected(ordered_on, lead) == due


@pytest.mark.parametrize("weekend_day", [date(2024, 3, 2), date(2024, 3, 3)])
def test_order_placed_at_the_weekend_counts_from_monday(weekend_day):
    assert expected(weekend_day, 1) == date(2024, 3, 4)
    assert expected(weekend_day, 3) == date(2024, 3, 6)


def test_within_the_week_nothing_changes():
    assert expected(date(2024, 3, 4), 3) == date(2024, 3, 7)
    assert expected(date(2024, 3, 5), 3) == date(2024, 3, 8)


def test_zero_lead_time_is_the_order_date():
    assert expected(date(2024, 3, 5), 0) == date(2024, 3, 5)
    assert expected(date(2024, 3, 9), 0) == date(2024, 3, 9)


def test_default_lead_time_is_seven_business_days():
    order = PurchaseOrder("PO-0002", Supplier("SLOW", "Slow Supplies"), date(2024, 3, 4))
    assert order.expected_on == date(2024, 3, 13)


def test_weekday_public_holidays_are_business_days():
    # Only Monday to Friday is counted; public holidays are not skipped (INV-215).
    assert expected(date(2024, 12, 20), 3) == date(2024, 12, 25)  # Fri + 3 -> Christmas Day (Wed)
    assert expected(date(2024, 12, 20), 4) == date(2024, 12, 26)  # Boxing Day (Thu)
    assert expected(date(2024, 12, 27), 3) == date(2025, 1, 1)  # Fri + 3 -> New Year's Day (Wed)
    assert expected(date(2024, 12, 23), 4) == date(2024, 12, 27)  # over Christmas and Boxing Day
