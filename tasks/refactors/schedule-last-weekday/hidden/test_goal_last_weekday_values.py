"""Goal test (imports the code): last_weekday gives the last occurrence, the same as the
compatibility path of nth_weekday. Imported inside the test, so the untouched repo collects."""

import importlib
from datetime import date


def test_last_weekday():
    dates = importlib.import_module("schedule.dates")
    assert dates.last_weekday(2024, 5, 0) == date(2024, 5, 27)
    assert dates.last_weekday(2024, 5, 4) == date(2024, 5, 31)
    assert dates.last_weekday(2024, 2, 3) == date(2024, 2, 29)
    assert dates.last_weekday(year=2023, month=12, weekday=6) == date(2023, 12, 31)
    for month in range(1, 13):
        for weekday in range(7):
            assert dates.last_weekday(2025, month, weekday) == dates.nth_weekday(2025, month, weekday, -1)
