from datetime import date, datetime, time

import pytest

from schedule.workhours import (
    WorkingHours,
    add_working_minutes,
    next_opening,
    working_minutes_between,
)

HOURS = WorkingHours(opens=time(9), closes=time(17))


def test_daily_minutes_and_window():
    assert HOURS.daily_minutes == 480
    window = HOURS.window_for(date(2024, 5, 13))
    assert window is not None and window.start == datetime(2024, 5, 13, 9)
    assert HOURS.window_for(date(2024, 5, 18)) is None


def test_invalid_hours():
    with pytest.raises(ValueError):
        WorkingHours(opens=time(17), closes=time(9))
    with pytest.raises(ValueError):
        WorkingHours(weekdays=frozenset({7}))


def test_minutes_within_one_day():
    assert working_minutes_between(datetime(2024, 5, 13, 10), datetime(2024, 5, 13, 11, 30), HOURS) == 90
    assert working_minutes_between(datetime(2024, 5, 13, 7), datetime(2024, 5, 13, 10), HOURS) == 60


def test_minutes_across_weekend():
    start = datetime(2024, 5, 17, 16)  # Friday
    end = datetime(2024, 5, 20, 10)  # Monday
    assert working_minutes_between(start, end, HOURS) == 120


def test_minutes_reversed_is_zero():
    assert working_minutes_between(datetime(2024, 5, 14), datetime(2024, 5, 13), HOURS) == 0


def test_add_working_minutes_rolls_over_weekend():
    assert add_working_minutes(datetime(2024, 5, 17, 16), 90, HOURS) == datetime(2024, 5, 20, 9, 30)
    assert add_working_minutes(datetime(2024, 5, 13, 7), 30, HOURS) == datetime(2024, 5, 13, 9, 30)
    assert add_working_minutes(datetime(2024, 5, 13, 16), 60, HOURS) == datetime(2024, 5, 13, 17)


def test_add_working_minutes_rejects_negative():
    with pytest.raises(ValueError):
        add_working_minutes(datetime(2024, 5, 13, 10), -5, HOURS)


def test_next_opening():
    assert next_opening(datetime(2024, 5, 13, 10), HOURS) == datetime(2024, 5, 13, 10)
    assert next_opening(datetime(2024, 5, 17, 18), HOURS) == datetime(2024, 5, 20, 9)
