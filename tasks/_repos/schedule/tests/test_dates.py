from datetime import date

import pytest

from schedule.dates import (
    add_months,
    add_years,
    days_in_month,
    is_leap_year,
    iter_days,
    month_end,
    nth_weekday,
    week_start,
)


def test_leap_years():
    assert is_leap_year(2024)
    assert is_leap_year(2000)
    assert not is_leap_year(1900)
    assert not is_leap_year(2023)


def test_days_in_month():
    assert days_in_month(2024, 2) == 29
    assert days_in_month(2023, 2) == 28
    assert days_in_month(2023, 4) == 30
    assert days_in_month(2023, 12) == 31
    with pytest.raises(ValueError):
        days_in_month(2023, 13)


def test_month_end():
    assert month_end(date(2024, 2, 10)) == date(2024, 2, 29)


def test_add_months_clamps_day():
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 11, 15), 3) == date(2024, 2, 15)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)


def test_add_years_regular_day():
    assert add_years(date(2023, 6, 15), 2) == date(2025, 6, 15)
    assert add_years(date(2023, 6, 15), -3) == date(2020, 6, 15)


def test_iter_days_is_half_open():
    assert list(iter_days(date(2024, 1, 30), date(2024, 2, 2))) == [
        date(2024, 1, 30),
        date(2024, 1, 31),
        date(2024, 2, 1),
    ]
    assert list(iter_days(date(2024, 1, 2), date(2024, 1, 2))) == []


def test_week_start():
    assert week_start(date(2024, 5, 16)) == date(2024, 5, 13)
    assert week_start(date(2024, 5, 16), first_weekday=6) == date(2024, 5, 12)


def test_nth_weekday():
    assert nth_weekday(2024, 11, 3, 4) == date(2024, 11, 28)
    assert nth_weekday(2024, 5, 0, -1) == date(2024, 5, 27)
    with pytest.raises(ValueError):
        nth_weekday(2024, 2, 0, 5)
