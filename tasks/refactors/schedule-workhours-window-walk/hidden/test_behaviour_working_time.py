"""Behaviour that must be the same before and after the walk is shared: the three working-time
functions, their edge cases and error messages. Only names public before and after."""

import itertools
from datetime import date, datetime, time, timedelta

import pytest

from schedule.workhours import (
    WorkingHours,
    add_working_minutes,
    next_opening,
    working_minutes_between,
)

HOURS = WorkingHours(opens=time(9), closes=time(17))                       # Monday to Friday
NONE = WorkingHours(opens=time(9), closes=time(17), weekdays=frozenset())
WEEKENDS = WorkingHours(opens=time(10), closes=time(14), weekdays=frozenset({5, 6}))
TUESDAYS = WorkingHours(opens=time(8, 30), closes=time(12), weekdays=frozenset({1}))
ALWAYS = WorkingHours(opens=time(0), closes=time(23, 59), weekdays=frozenset(range(7)))


def dt(day, hour=0, minute=0, month=5):
    return datetime(2024, month, day, hour, minute)   # 2024-05-13 is a Monday


# --- working_minutes_between -------------------------------------------------------------

@pytest.mark.parametrize(("start", "end", "want"), [
    (dt(13, 10), dt(13, 11, 30), 90),
    (dt(13, 7), dt(13, 10), 60),
    (dt(13, 16), dt(13, 18), 60),
    (dt(17, 16), dt(20, 10), 120),            # Friday to Monday
    (dt(13, 0), dt(14, 0), 480),
    (dt(13, 9), dt(20, 9), 5 * 480),
    (dt(13), dt(13, 9), 0),
    (dt(13, 17), dt(14, 9), 0),               # closing to opening
    (dt(18, 8), dt(19, 20), 0),               # a weekend
    (dt(31, 16), dt(3, 9, 15, month=6), 75),  # month end
    (dt(13, 12), dt(13, 12), 0),
    (dt(14), dt(13), 0),
])
def test_working_minutes_between(start, end, want):
    assert working_minutes_between(start, end, HOURS) == want


def test_working_minutes_between_other_hours():
    assert working_minutes_between(dt(17, 12), dt(20, 12), WEEKENDS) == 480
    assert working_minutes_between(dt(13), dt(27), TUESDAYS) == 2 * 210
    assert working_minutes_between(dt(13, 23), dt(14, 0, 30), ALWAYS) == 59 + 30


def test_working_minutes_between_without_working_days_is_zero():
    assert working_minutes_between(dt(13), dt(27), NONE) == 0
    assert working_minutes_between(dt(13, 10), dt(13, 11), NONE) == 0
    assert working_minutes_between(dt(14), dt(13), NONE) == 0


def test_working_minutes_between_over_a_year():
    assert working_minutes_between(datetime(2024, 1, 1), datetime(2025, 1, 1), HOURS) == 262 * 480


# --- add_working_minutes -----------------------------------------------------------------

@pytest.mark.parametrize(("start", "minutes", "want"), [
    (dt(17, 16), 90, dt(20, 9, 30)),          # over the weekend
    (dt(13, 7), 30, dt(13, 9, 30)),           # before opening
    (dt(13, 16), 60, dt(13, 17)),             # lands exactly on closing time: stays there
    (dt(13, 16), 61, dt(14, 9, 1)),
    (dt(13, 17), 0, dt(14, 9)),               # zero minutes from closing: next opening
    (dt(13, 18), 0, dt(14, 9)),
    (dt(13, 10), 0, dt(13, 10)),
    (dt(13, 9), 480, dt(13, 17)),
    (dt(13, 9), 481, dt(14, 9, 1)),
    (dt(18, 12), 1, dt(20, 9, 1)),            # starts on a Saturday
    (dt(13, 10), 5 * 480, dt(20, 10)),
    (dt(31, 16, 30), 45, dt(3, 9, 15, month=6)),
])
def test_add_working_minutes(start, minutes, want):
    assert add_working_minutes(start, minutes, HOURS) == want


def test_add_working_minutes_other_hours():
    assert add_working_minutes(dt(13, 9), 30, TUESDAYS) == dt(14, 9)
    assert add_working_minutes(dt(14, 11, 30), 30, TUESDAYS) == dt(14, 12)
    assert add_working_minutes(dt(14, 11, 30), 31, TUESDAYS) == dt(21, 8, 31)
    assert add_working_minutes(dt(13, 9), 241, WEEKENDS) == dt(19, 10, 1)
    assert add_working_minutes(dt(13, 23, 50), 20, ALWAYS) == dt(14, 0, 11)


def test_add_working_minutes_far_ahead():
    assert add_working_minutes(datetime(2024, 1, 1, 9), 262 * 480, HOURS) == datetime(2024, 12, 31, 17)


def test_add_working_minutes_rejects_negative_minutes_first():
    with pytest.raises(ValueError, match="^minutes must not be negative, got -5$"):
        add_working_minutes(dt(13, 10), -5, HOURS)
    with pytest.raises(ValueError, match="^minutes must not be negative, got -1$"):
        add_working_minutes(dt(13, 10), -1, NONE)


def test_add_working_minutes_without_working_days():
    for minutes in (0, 1, 600):
        with pytest.raises(ValueError, match="^working hours have no working days$"):
            add_working_minutes(dt(13, 10), minutes, NONE)


# --- next_opening ------------------------------------------------------------------------

@pytest.mark.parametrize(("moment", "want"), [
    (dt(13, 10), dt(13, 10)),                 # inside a window: unchanged
    (dt(13, 9), dt(13, 9)),
    (dt(13, 16, 59), dt(13, 16, 59)),
    (dt(13, 17), dt(14, 9)),                  # closing time: the next opening
    (dt(13, 8), dt(13, 9)),
    (dt(13, 0), dt(13, 9)),
    (dt(17, 18), dt(20, 9)),                  # Friday evening
    (dt(18, 12), dt(20, 9)),                  # Saturday
    (dt(31, 17, 30), dt(3, 9, month=6)),
])
def test_next_opening(moment, want):
    assert next_opening(moment, HOURS) == want


def test_next_opening_other_hours():
    assert next_opening(dt(14, 12), TUESDAYS) == dt(21, 8, 30)
    assert next_opening(dt(13, 23), TUESDAYS) == dt(14, 8, 30)
    assert next_opening(dt(15), WEEKENDS) == dt(18, 10)
    assert next_opening(dt(13, 23, 59), ALWAYS) == dt(14, 0)


def test_next_opening_without_working_days():
    with pytest.raises(ValueError, match="^working hours have no working days$"):
        next_opening(dt(13, 10), NONE)


def test_results_agree_with_each_other():
    # starting anywhere, zero working minutes later is the next opening (except exactly at a
    # closing time that add_working_minutes reached by counting)
    for day, hour in itertools.product(range(13, 20), (0, 8, 9, 12, 17, 20)):
        moment = dt(day, hour)
        assert add_working_minutes(moment, 0, HOURS) == next_opening(moment, HOURS)
        later = add_working_minutes(moment, 125, HOURS)
        assert working_minutes_between(moment, later, HOURS) == 125


def test_working_hours_themselves_unchanged():
    assert HOURS.daily_minutes == 480
    assert HOURS.window_for(date(2024, 5, 18)) is None
    window = TUESDAYS.window_for(date(2024, 5, 14))
    assert (window.start, window.end) == (dt(14, 8, 30), dt(14, 12))
    assert window.end - window.start == timedelta(minutes=210)
    with pytest.raises(ValueError, match="closing time must be after opening time"):
        WorkingHours(opens=time(17), closes=time(9))
