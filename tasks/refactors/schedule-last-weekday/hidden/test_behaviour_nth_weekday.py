"""Behaviour that must be the same before and after the split: nth_weekday, -1 included, with
its error messages. Only names public before and after."""

import calendar
import re
from datetime import date

import pytest

from schedule.dates import nth_weekday


@pytest.mark.parametrize(("year", "month", "weekday", "want"), [
    (2024, 5, 0, date(2024, 5, 27)),     # last Monday of May (Memorial Day)
    (2024, 5, 4, date(2024, 5, 31)),     # the last day of the month is that weekday
    (2024, 5, 5, date(2024, 5, 25)),
    (2024, 2, 3, date(2024, 2, 29)),     # leap day
    (2023, 2, 1, date(2023, 2, 28)),
    (2023, 2, 2, date(2023, 2, 22)),
    (2024, 12, 6, date(2024, 12, 29)),
    (2025, 1, 2, date(2025, 1, 29)),
])
def test_minus_one_is_the_last_occurrence(year, month, weekday, want):
    assert nth_weekday(year, month, weekday, -1) == want


def test_minus_one_agrees_with_the_calendar_for_every_month_and_weekday():
    for year in (2023, 2024):
        for month in range(1, 13):
            weeks = calendar.Calendar().monthdatescalendar(year, month)
            for weekday in range(7):
                last = max(d for week in weeks for d in week
                           if d.month == month and d.weekday() == weekday)
                assert nth_weekday(year, month, weekday, -1) == last


@pytest.mark.parametrize(("n", "want"), [
    (1, date(2024, 11, 7)),
    (2, date(2024, 11, 14)),
    (4, date(2024, 11, 28)),     # Thanksgiving
    (5, None),
])
def test_nth_occurrences(n, want):
    if want is None:
        with pytest.raises(ValueError, match=re.escape("2024-11 has no occurrence 5 of weekday 3")):
            nth_weekday(2024, 11, 3, n)
    else:
        assert nth_weekday(2024, 11, 3, n) == want


def test_fifth_occurrence_when_there_is_one():
    assert nth_weekday(2024, 2, 3, 5) == date(2024, 2, 29)
    assert nth_weekday(2024, 3, 4, 5) == date(2024, 3, 29)
    assert nth_weekday(2024, 3, 4, -1) == date(2024, 3, 29)


@pytest.mark.parametrize("n", [0, 6, -2, -5])
def test_other_values_of_n_are_rejected(n):
    with pytest.raises(ValueError, match=f"^n must be 1-5 or -1, got {n}$"):
        nth_weekday(2024, 5, 0, n)


def test_a_bad_month_is_rejected_on_both_paths():
    with pytest.raises(ValueError):
        nth_weekday(2024, 13, 0, -1)
    with pytest.raises(ValueError):
        nth_weekday(2024, 13, 0, 1)


def test_weekday_is_not_validated():
    # today both paths take the weekday modulo 7; the split must not add a check
    assert nth_weekday(2024, 5, 7, -1) == nth_weekday(2024, 5, 0, -1)
    assert nth_weekday(2024, 5, 7, 1) == nth_weekday(2024, 5, 0, 1)
