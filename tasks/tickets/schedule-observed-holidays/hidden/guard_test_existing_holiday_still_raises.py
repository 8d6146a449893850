"""Guard: adding the holiday itself on a date that is already a holiday still raises
ValueError as today (only a substitute day is skipped silently), with or without observed,
and the existing holiday stays."""

import inspect
from datetime import date

import pytest

from schedule.businessdays import HolidayCalendar


def test_holiday_on_an_existing_holiday_still_raises():
    options = [{}]
    if "observed" in inspect.signature(HolidayCalendar.add_fixed).parameters:
        options += [{"observed": False}, {"observed": True}]
    for kwargs in options:
        for year, existing in ((2026, date(2026, 7, 4)), (2024, date(2024, 7, 4))):  # Sat, Thu
            cal = HolidayCalendar()
            cal.add(existing, "Fourth")
            with pytest.raises(ValueError):
                cal.add_fixed(7, 4, "Independence Day", [year], **kwargs)
            assert cal.holiday_name(existing) == "Fourth"
