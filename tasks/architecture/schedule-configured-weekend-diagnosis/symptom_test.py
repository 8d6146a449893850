"""The reported failure: a calendar whose weekend comes from configuration stops skipping
weekends after its first use."""

from datetime import date

from schedule.businessdays import HolidayCalendar, business_days_between, roll_forward


def test_configured_weekend_holds_on_every_call():
    cal = HolidayCalendar(weekend=map(int, "5,6".split(",")))
    assert roll_forward(date(2024, 12, 7), cal) == date(2024, 12, 9)
    assert roll_forward(date(2024, 12, 14), cal) == date(2024, 12, 16)
    assert business_days_between(date(2024, 12, 2), date(2024, 12, 13), cal) == 10
