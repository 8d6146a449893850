"""Behaviour that must be the same before and after the extraction: the three conversions
round down whatever the span. Only names public before and after."""

from datetime import datetime, time, timedelta

import pytest

from schedule.slots import TimeSlot
from schedule.workhours import WorkingHours, add_working_minutes, working_minutes_between

START = datetime(2024, 5, 13, 9)  # a Monday
HOURS = WorkingHours(opens=time(9), closes=time(17))


@pytest.mark.parametrize(("length", "want"), [
    (timedelta(minutes=90), 90),
    (timedelta(seconds=119), 1),
    (timedelta(seconds=59), 0),
    (timedelta(microseconds=1), 0),
    (timedelta(minutes=5, microseconds=999999), 5),
    (timedelta(days=1), 1440),
    (timedelta(days=2, seconds=59), 2880),
    (timedelta(days=400, minutes=3), 400 * 1440 + 3),
])
def test_slot_minutes_round_down(length, want):
    assert TimeSlot(START, START + length).minutes == want


@pytest.mark.parametrize(("opens", "closes", "want"), [
    (time(9), time(17), 480),
    (time(9, 0, 30), time(17), 479),
    (time(8, 15), time(12, 45, 59), 270),
    (time(0), time(23, 59, 59, 999999), 1439),
    (time(10), time(10, 0, 59), 0),
])
def test_daily_minutes_round_down(opens, closes, want):
    assert WorkingHours(opens=opens, closes=closes).daily_minutes == want


@pytest.mark.parametrize(("start", "minutes", "want"), [
    (datetime(2024, 5, 13, 16, 58, 30), 1, datetime(2024, 5, 13, 16, 59, 30)),
    (datetime(2024, 5, 13, 16, 58, 30), 2, datetime(2024, 5, 14, 9, 1)),     # 90 s left: 1 minute
    (datetime(2024, 5, 13, 16, 59, 30), 1, datetime(2024, 5, 14, 9, 1)),     # 30 s left: none
    (datetime(2024, 5, 13, 16, 59, 30), 0, datetime(2024, 5, 13, 16, 59, 30)),
    (datetime(2024, 5, 13, 16, 30, 45), 29, datetime(2024, 5, 13, 16, 59, 45)),
    (datetime(2024, 5, 13, 16, 30, 45), 30, datetime(2024, 5, 14, 9, 1)),
    (datetime(2024, 5, 17, 16, 0, 0, 500000), 60, datetime(2024, 5, 20, 9, 1)),
    (datetime(2024, 5, 13, 10), 480 * 3, datetime(2024, 5, 16, 10)),
    (datetime(2024, 5, 13, 17), 0, datetime(2024, 5, 14, 9)),
])
def test_add_working_minutes_counts_whole_minutes(start, minutes, want):
    assert add_working_minutes(start, minutes, HOURS) == want


def test_add_working_minutes_on_long_days():
    long_days = WorkingHours(opens=time(0), closes=time(23, 59, 59), weekdays=frozenset(range(7)))
    assert long_days.daily_minutes == 1439
    assert add_working_minutes(datetime(2024, 5, 13, 0), 1439, long_days) == datetime(2024, 5, 13, 23, 59)
    assert add_working_minutes(datetime(2024, 5, 13, 0), 1440, long_days) == datetime(2024, 5, 14, 0, 1)


def test_working_minutes_between_rounds_each_day_down():
    assert working_minutes_between(datetime(2024, 5, 13, 9, 0, 30), datetime(2024, 5, 13, 10), HOURS) == 59
    assert working_minutes_between(
        datetime(2024, 5, 13, 9, 0, 30), datetime(2024, 5, 14, 10, 0, 20), HOURS) == 539
