from datetime import date, datetime

from schedule.dates import add_years
from schedule.recurrence import Frequency, RecurrenceRule


def test_add_years_clamps_leap_day():
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert add_years(date(2024, 2, 29), -1) == date(2023, 2, 28)
    assert add_years(date(2024, 2, 29), 100) == date(2124, 2, 29)
    assert add_years(date(2000, 2, 29), 100) == date(2100, 2, 28)


def test_monthly_month_end_does_not_drift():
    rule = RecurrenceRule(Frequency.MONTHLY, datetime(2024, 1, 31, 18, 0), count=5)
    assert list(rule.occurrences()) == [
        datetime(2024, 1, 31, 18, 0),
        datetime(2024, 2, 29, 18, 0),
        datetime(2024, 3, 31, 18, 0),
        datetime(2024, 4, 30, 18, 0),
        datetime(2024, 5, 31, 18, 0),
    ]


def test_monthly_interval_is_anchored_to_start():
    rule = RecurrenceRule(Frequency.MONTHLY, datetime(2023, 8, 31, 9), interval=3, count=4)
    assert [o.date() for o in rule.occurrences()] == [
        date(2023, 8, 31),
        date(2023, 11, 30),
        date(2024, 2, 29),
        date(2024, 5, 31),
    ]


def test_yearly_leap_day_returns_in_leap_years():
    rule = RecurrenceRule(Frequency.YEARLY, datetime(2024, 2, 29, 12), count=5)
    assert [o.date() for o in rule.occurrences()] == [
        date(2024, 2, 29),
        date(2025, 2, 28),
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]


def test_until_and_between_use_anchored_dates():
    rule = RecurrenceRule(Frequency.MONTHLY, datetime(2024, 1, 30, 8), until=datetime(2024, 4, 30, 8))
    assert [o.date() for o in rule.occurrences()] == [
        date(2024, 1, 30),
        date(2024, 2, 29),
        date(2024, 3, 30),
        date(2024, 4, 30),
    ]
    infinite = RecurrenceRule(Frequency.MONTHLY, datetime(2024, 1, 31, 8))
    assert infinite.between(datetime(2024, 6, 1), datetime(2024, 9, 1)) == [
        datetime(2024, 6, 30, 8),
        datetime(2024, 7, 31, 8),
        datetime(2024, 8, 31, 8),
    ]
    assert infinite.first_after(datetime(2024, 2, 29, 8)) == datetime(2024, 3, 31, 8)


def test_daily_and_weekly_unchanged():
    daily = RecurrenceRule(Frequency.DAILY, datetime(2024, 2, 28, 7), interval=2, count=3)
    assert list(daily.occurrences()) == [
        datetime(2024, 2, 28, 7),
        datetime(2024, 3, 1, 7),
        datetime(2024, 3, 3, 7),
    ]
    weekly = RecurrenceRule(Frequency.WEEKLY, datetime(2024, 2, 29, 7), count=2)
    assert list(weekly.occurrences()) == [datetime(2024, 2, 29, 7), datetime(2024, 3, 7, 7)]
