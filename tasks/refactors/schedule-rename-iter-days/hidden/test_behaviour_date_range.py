"""Behaviour that must be the same before and after the rename. The day-range function is
reached by whichever of its two names the module has, so the same assertions run on the
untouched repo (iter_days) and after the rename (date_range)."""

import inspect
from datetime import date, datetime, time

import pytest

import schedule.dates as dates
from schedule.businessdays import HolidayCalendar, business_days_between
from schedule.workhours import WorkingHours, working_minutes_between


def day_range():
    found = getattr(dates, "date_range", None) or getattr(dates, "iter_days")
    return found


@pytest.mark.parametrize(("start", "end", "want"), [
    (date(2024, 1, 30), date(2024, 2, 2), [date(2024, 1, 30), date(2024, 1, 31), date(2024, 2, 1)]),
    (date(2024, 2, 28), date(2024, 3, 1), [date(2024, 2, 28), date(2024, 2, 29)]),
    (date(2023, 2, 28), date(2023, 3, 1), [date(2023, 2, 28)]),
    (date(2023, 12, 31), date(2024, 1, 2), [date(2023, 12, 31), date(2024, 1, 1)]),
    (date(2024, 5, 1), date(2024, 5, 2), [date(2024, 5, 1)]),
    (date(2024, 5, 1), date(2024, 5, 1), []),
    (date(2024, 5, 3), date(2024, 5, 1), []),
])
def test_day_range_is_half_open(start, end, want):
    assert list(day_range()(start, end)) == want


def test_day_range_by_keyword_and_long_span():
    days = list(day_range()(start=date(2024, 1, 1), end=date(2025, 1, 1)))
    assert len(days) == 366
    assert days[0] == date(2024, 1, 1) and days[-1] == date(2024, 12, 31)


def test_day_range_is_lazy():
    produced = day_range()(date(2024, 1, 1), date(9999, 12, 31))
    assert inspect.isgenerator(produced)
    assert next(produced) == date(2024, 1, 1)
    assert next(produced) == date(2024, 1, 2)


def holidays():
    cal = HolidayCalendar()
    cal.add(date(2024, 12, 25), "Christmas")
    cal.add(date(2024, 12, 26), "Boxing Day")
    cal.add(date(2025, 1, 1), "New Year")
    return cal


@pytest.mark.parametrize(("start", "end", "want"), [
    (date(2024, 12, 16), date(2024, 12, 20), 5),    # Monday to Friday, both ends counted
    (date(2024, 12, 23), date(2025, 1, 3), 7),      # across two holidays, a weekend, New Year
    (date(2024, 12, 23), date(2024, 12, 23), 1),    # one business day
    (date(2024, 12, 25), date(2024, 12, 25), 0),    # one holiday
    (date(2024, 12, 21), date(2024, 12, 22), 0),    # a weekend
    (date(2024, 12, 20), date(2024, 12, 19), 0),    # end before start
    (date(2024, 2, 26), date(2024, 3, 4), 6),       # across a leap day
])
def test_business_days_between_counts_both_ends(start, end, want):
    assert business_days_between(start, end, holidays()) == want


HOURS = WorkingHours(opens=time(9), closes=time(17))


@pytest.mark.parametrize(("start", "end", "want"), [
    (datetime(2024, 5, 13, 10), datetime(2024, 5, 13, 11, 30), 90),
    (datetime(2024, 5, 17, 16), datetime(2024, 5, 20, 10), 120),       # over a weekend
    (datetime(2024, 5, 13, 0), datetime(2024, 5, 14, 0), 480),         # end at midnight
    (datetime(2024, 5, 13, 9), datetime(2024, 5, 20, 9), 5 * 480),     # a whole week
    (datetime(2024, 5, 31, 16), datetime(2024, 6, 3, 9, 15), 75),      # month end, weekend
    (datetime(2024, 5, 13, 18), datetime(2024, 5, 14, 8), 0),          # overnight only
    (datetime(2024, 5, 13, 11), datetime(2024, 5, 13, 11), 0),
    (datetime(2024, 5, 14), datetime(2024, 5, 13), 0),
])
def test_working_minutes_between(start, end, want):
    assert working_minutes_between(start, end, HOURS) == want


def test_working_minutes_between_on_a_seven_day_week():
    every_day = WorkingHours(opens=time(8), closes=time(12), weekdays=frozenset(range(7)))
    assert working_minutes_between(datetime(2024, 5, 18, 11), datetime(2024, 5, 19, 9), every_day) == 120
