from datetime import date

import pytest

from schedule.businessdays import (
    Holiday,
    HolidayCalendar,
    add_business_days,
    business_days_between,
    roll_backward,
    roll_forward,
)


def make_calendar() -> HolidayCalendar:
    cal = HolidayCalendar()
    cal.add(date(2024, 12, 25), "Christmas")
    cal.add(date(2024, 12, 26), "Boxing Day")
    cal.add(date(2025, 1, 1), "New Year")
    return cal


def test_weekend_and_holidays_are_not_business_days():
    cal = make_calendar()
    assert cal.is_business_day(date(2024, 12, 23))
    assert not cal.is_business_day(date(2024, 12, 25))
    assert not cal.is_business_day(date(2024, 12, 28))
    assert cal.holiday_name(date(2024, 12, 26)) == "Boxing Day"
    assert cal.holiday_name(date(2024, 12, 27)) is None


def test_custom_weekend():
    cal = HolidayCalendar(weekend={4, 5})
    assert not cal.is_business_day(date(2024, 5, 17))
    assert cal.is_business_day(date(2024, 5, 19))


def test_duplicate_holiday_rejected():
    cal = make_calendar()
    with pytest.raises(ValueError, match="already a holiday"):
        cal.add(date(2024, 12, 25), "Other")


def test_add_fixed_and_holidays_between():
    cal = HolidayCalendar()
    added = cal.add_fixed(7, 4, "Independence Day", [2023, 2024])
    assert [h.day for h in added] == [date(2023, 7, 4), date(2024, 7, 4)]
    assert cal.holidays_between(date(2024, 1, 1), date(2025, 1, 1)) == [
        Holiday(date(2024, 7, 4), "Independence Day")
    ]
    assert len(cal) == 2
    assert date(2023, 7, 4) in cal


def test_roll_forward_and_backward():
    cal = make_calendar()
    assert roll_forward(date(2024, 12, 25), cal) == date(2024, 12, 27)
    assert roll_backward(date(2024, 12, 26), cal) == date(2024, 12, 24)
    assert roll_forward(date(2024, 12, 27), cal) == date(2024, 12, 27)


def test_add_business_days_skips_weekends_and_holidays():
    cal = make_calendar()
    assert add_business_days(date(2024, 12, 24), 1, cal) == date(2024, 12, 27)
    assert add_business_days(date(2024, 12, 27), 3, cal) == date(2025, 1, 2)
    assert add_business_days(date(2024, 12, 27), 0, cal) == date(2024, 12, 27)


def test_business_days_between_over_a_week():
    cal = make_calendar()
    assert business_days_between(date(2024, 12, 16), date(2024, 12, 21), cal) == 5
    assert business_days_between(date(2024, 12, 23), date(2024, 12, 29), cal) == 3
