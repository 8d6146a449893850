from datetime import datetime

import pytest

from schedule.recurrence import Frequency, RecurrenceRule


def test_daily_with_count():
    rule = RecurrenceRule(Frequency.DAILY, datetime(2024, 3, 1, 9), count=3)
    assert list(rule.occurrences()) == [
        datetime(2024, 3, 1, 9),
        datetime(2024, 3, 2, 9),
        datetime(2024, 3, 3, 9),
    ]


def test_weekly_interval_until_is_inclusive():
    rule = RecurrenceRule(
        Frequency.WEEKLY, datetime(2024, 1, 1, 10), interval=2, until=datetime(2024, 1, 29, 10)
    )
    assert list(rule.occurrences()) == [
        datetime(2024, 1, 1, 10),
        datetime(2024, 1, 15, 10),
        datetime(2024, 1, 29, 10),
    ]


def test_monthly_keeps_time_of_day():
    rule = RecurrenceRule(Frequency.MONTHLY, datetime(2024, 1, 15, 14, 30), count=3)
    assert list(rule.occurrences()) == [
        datetime(2024, 1, 15, 14, 30),
        datetime(2024, 2, 15, 14, 30),
        datetime(2024, 3, 15, 14, 30),
    ]


def test_yearly_regular_day():
    rule = RecurrenceRule(Frequency.YEARLY, datetime(2023, 6, 1, 8), count=2)
    assert list(rule.occurrences()) == [datetime(2023, 6, 1, 8), datetime(2024, 6, 1, 8)]


def test_count_and_until_stop_at_first_limit():
    rule = RecurrenceRule(
        Frequency.DAILY, datetime(2024, 3, 1), count=10, until=datetime(2024, 3, 2)
    )
    assert len(list(rule.occurrences())) == 2


def test_between_on_infinite_rule():
    rule = RecurrenceRule(Frequency.DAILY, datetime(2024, 3, 1, 9))
    assert not rule.is_finite
    assert rule.between(datetime(2024, 3, 10), datetime(2024, 3, 12)) == [
        datetime(2024, 3, 10, 9),
        datetime(2024, 3, 11, 9),
    ]


def test_first_after():
    rule = RecurrenceRule(Frequency.WEEKLY, datetime(2024, 1, 1, 9), count=2)
    assert rule.first_after(datetime(2024, 1, 1, 9)) == datetime(2024, 1, 8, 9)
    assert rule.first_after(datetime(2024, 1, 8, 9)) is None


def test_invalid_rules():
    with pytest.raises(ValueError):
        RecurrenceRule(Frequency.DAILY, datetime(2024, 1, 1), interval=0)
    with pytest.raises(ValueError):
        RecurrenceRule(Frequency.DAILY, datetime(2024, 1, 1), count=0)
    with pytest.raises(ValueError):
        RecurrenceRule(Frequency.DAILY, datetime(2024, 1, 2), until=datetime(2024, 1, 1))
