from datetime import date

import pytest

from schedule.businessdays import HolidayCalendar


def test_saturday_holiday_observed_on_friday():
    cal = HolidayCalendar()
    added = cal.add_fixed(7, 4, "Independence Day", [2026], observed=True)  # Saturday
    assert [(h.day, h.name) for h in added] == [
        (date(2026, 7, 4), "Independence Day"),
        (date(2026, 7, 3), "Independence Day (observed)"),
    ]
    assert cal.holiday_name(date(2026, 7, 3)) == "Independence Day (observed)"
    assert not cal.is_business_day(date(2026, 7, 3))
    assert cal.is_business_day(date(2026, 7, 6))


def test_sunday_holiday_observed_on_monday():
    cal = HolidayCalendar()
    added = cal.add_fixed(7, 4, "Independence Day", [2021], observed=True)  # Sunday
    assert [(h.day, h.name) for h in added] == [
        (date(2021, 7, 4), "Independence Day"),
        (date(2021, 7, 5), "Independence Day (observed)"),
    ]


def test_weekday_holiday_has_no_substitute_and_order_is_per_year():
    cal = HolidayCalendar()
    added = cal.add_fixed(7, 4, "Independence Day", [2024, 2026, 2027], observed=True)
    assert [h.day for h in added] == [
        date(2024, 7, 4),
        date(2026, 7, 4),
        date(2026, 7, 3),
        date(2027, 7, 4),
        date(2027, 7, 5),
    ]
    assert len(cal) == 5


def test_without_observed_nothing_is_substituted():
    cal = HolidayCalendar()
    added = cal.add_fixed(7, 4, "Independence Day", [2026])
    assert [h.day for h in added] == [date(2026, 7, 4)]
    assert cal.is_business_day(date(2026, 7, 3))


def test_substitute_day_already_a_holiday_is_skipped():
    cal = HolidayCalendar()
    cal.add(date(2022, 12, 26), "Boxing Day")
    added = cal.add_fixed(12, 25, "Christmas", [2022], observed=True)  # Sunday
    assert [(h.day, h.name) for h in added] == [(date(2022, 12, 25), "Christmas")]
    assert cal.holiday_name(date(2022, 12, 26)) == "Boxing Day"


def test_shift_ignores_custom_weekend():
    cal = HolidayCalendar(weekend={4, 5})
    added = cal.add_fixed(7, 4, "Independence Day", [2021, 2025], observed=True)  # Sunday, Friday
    assert [h.day for h in added] == [date(2021, 7, 4), date(2021, 7, 5), date(2025, 7, 4)]


def test_holiday_itself_on_an_existing_holiday_still_raises():
    for kwargs in ({"observed": True}, {"observed": False}, {}):
        for year, existing in ((2026, date(2026, 7, 4)), (2024, date(2024, 7, 4))):  # Sat, Thu
            cal = HolidayCalendar()
            cal.add(existing, "Fourth")
            with pytest.raises(ValueError):
                cal.add_fixed(7, 4, "Independence Day", [year], **kwargs)
            assert cal.holiday_name(existing) == "Fourth"
