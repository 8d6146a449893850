from datetime import date, datetime, time

from schedule.businessdays import HolidayCalendar
from schedule.workhours import WorkingHours, add_working_minutes, working_minutes_between

HOURS = WorkingHours(opens=time(9), closes=time(17))


def calendar_with(*days: date) -> HolidayCalendar:
    cal = HolidayCalendar()
    for day in days:
        cal.add(day, "Closed")
    return cal


def test_holiday_contributes_no_minutes():
    cal = calendar_with(date(2024, 5, 14))  # Tuesday
    start = datetime(2024, 5, 13, 16)  # Monday
    end = datetime(2024, 5, 15, 10)  # Wednesday
    assert working_minutes_between(start, end, HOURS, calendar=cal) == 120
    assert working_minutes_between(start, end, HOURS) == 600


def test_add_working_minutes_skips_holidays():
    cal = calendar_with(date(2024, 5, 20), date(2024, 5, 21))  # Monday, Tuesday
    start = datetime(2024, 5, 17, 16)  # Friday
    assert add_working_minutes(start, 90, HOURS, calendar=cal) == datetime(2024, 5, 22, 9, 30)
    assert add_working_minutes(start, 90, HOURS) == datetime(2024, 5, 20, 9, 30)


def test_start_on_holiday_moves_to_next_working_day():
    cal = calendar_with(date(2024, 5, 13))
    assert add_working_minutes(datetime(2024, 5, 13, 10), 30, HOURS, calendar=cal) == datetime(
        2024, 5, 14, 9, 30
    )


def test_calendar_weekend_is_not_used():
    shop = WorkingHours(opens=time(10), closes=time(14), weekdays=frozenset(range(6)))
    cal = calendar_with(date(2024, 5, 20))  # Monday; the calendar's weekend is Sat/Sun
    start = datetime(2024, 5, 17, 13)  # Friday
    end = datetime(2024, 5, 21, 11)  # Tuesday
    # Friday 60 + Saturday 240 + (Sunday closed, Monday holiday) + Tuesday 60
    assert working_minutes_between(start, end, shop, calendar=cal) == 360
    assert add_working_minutes(start, 120, shop, calendar=cal) == datetime(2024, 5, 18, 11)


def test_none_calendar_keeps_behaviour():
    start = datetime(2024, 5, 17, 16)
    end = datetime(2024, 5, 20, 10)
    assert working_minutes_between(start, end, HOURS, calendar=None) == 120
    assert add_working_minutes(start, 60, HOURS, calendar=None) == datetime(2024, 5, 17, 17)
