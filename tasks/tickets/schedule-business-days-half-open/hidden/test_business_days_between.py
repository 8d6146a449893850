from datetime import date

from schedule.businessdays import HolidayCalendar, add_business_days, business_days_between


def make_calendar() -> HolidayCalendar:
    cal = HolidayCalendar()
    cal.add(date(2024, 12, 25), "Christmas")
    cal.add(date(2024, 12, 26), "Boxing Day")
    cal.add(date(2025, 1, 1), "New Year")
    return cal


def test_end_date_is_excluded():
    cal = make_calendar()
    # Monday 2024-12-16 .. Friday 2024-12-20: Mon-Thu count, Friday is the excluded end
    assert business_days_between(date(2024, 12, 16), date(2024, 12, 20), cal) == 4
    assert business_days_between(date(2024, 12, 16), date(2024, 12, 23), cal) == 5


def test_same_day_is_zero():
    cal = make_calendar()
    assert business_days_between(date(2024, 12, 17), date(2024, 12, 17), cal) == 0


def test_holidays_are_skipped():
    cal = make_calendar()
    # 23, 24, 27, 30, 31 Dec; 25/26 Dec and the weekend are skipped, 1 Jan is the end
    assert business_days_between(date(2024, 12, 23), date(2025, 1, 1), cal) == 5
    assert business_days_between(date(2024, 12, 23), date(2025, 1, 2), cal) == 5


def test_reversed_range_is_negative():
    cal = make_calendar()
    assert business_days_between(date(2024, 12, 20), date(2024, 12, 16), cal) == -4
    assert business_days_between(date(2025, 1, 2), date(2024, 12, 23), cal) == -5


def test_weekend_start():
    cal = make_calendar()
    # Saturday 2024-12-14 .. Wednesday 2024-12-18: Mon and Tue
    assert business_days_between(date(2024, 12, 14), date(2024, 12, 18), cal) == 2


def test_inverse_of_add_business_days():
    cal = make_calendar()
    start = date(2024, 12, 20)
    for n in range(0, 12):
        assert business_days_between(start, add_business_days(start, n, cal), cal) == n
