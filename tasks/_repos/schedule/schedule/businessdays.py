"""Business-day arithmetic over a holiday calendar."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from schedule.dates import iter_days

DEFAULT_WEEKEND: frozenset[int] = frozenset({5, 6})


@dataclass(frozen=True, order=True)
class Holiday:
    """A named non-working day."""

    # Reporting would like substituted ("observed") days flagged separately (SCH-58);
    # until that lands an observed day is simply a Holiday named "<name> (observed)".
    day: date
    name: str


class HolidayCalendar:
    """A set of holidays plus the weekdays that count as the weekend."""

    def __init__(
        self,
        holidays: Iterable[Holiday] = (),
        weekend: Iterable[int] = DEFAULT_WEEKEND,
    ) -> None:
        self._holidays: dict[date, Holiday] = {}
        self.weekend = frozenset(weekend)
        for holiday in holidays:
            self.add(holiday.day, holiday.name)

    def add(self, day: date, name: str) -> Holiday:
        """Register a holiday; a day can only hold one holiday."""
        if day in self._holidays:
            existing = self._holidays[day]
            raise ValueError(f"{day.isoformat()} is already a holiday: {existing.name}")
        holiday = Holiday(day, name)
        self._holidays[day] = holiday
        return holiday

    def add_fixed(self, month: int, day: int, name: str, years: Iterable[int]) -> list[Holiday]:
        """Add a holiday on the same month and day in each of ``years``."""
        return [self.add(date(year, month, day), name) for year in years]

    def is_holiday(self, d: date) -> bool:
        return d in self._holidays

    def holiday_name(self, d: date) -> str | None:
        holiday = self._holidays.get(d)
        return holiday.name if holiday else None

    def is_weekend(self, d: date) -> bool:
        return d.weekday() in self.weekend

    def is_business_day(self, d: date) -> bool:
        return not self.is_weekend(d) and not self.is_holiday(d)

    def holidays_between(self, start: date, end: date) -> list[Holiday]:
        """Holidays in the half-open range ``[start, end)``, in date order."""
        return sorted(h for d, h in self._holidays.items() if start <= d < end)

    def __len__(self) -> int:
        return len(self._holidays)

    def __contains__(self, d: object) -> bool:
        return d in self._holidays


def roll_forward(d: date, calendar: HolidayCalendar) -> date:
    """``d`` if it is a business day, otherwise the next business day."""
    while not calendar.is_business_day(d):
        d += timedelta(days=1)
    return d


def roll_backward(d: date, calendar: HolidayCalendar) -> date:
    """``d`` if it is a business day, otherwise the previous business day."""
    while not calendar.is_business_day(d):
        d -= timedelta(days=1)
    return d


def add_business_days(d: date, n: int, calendar: HolidayCalendar) -> date:
    """The date ``n`` business days after ``d`` (``d`` itself need not be one)."""
    # TODO(SCH-31): a negative ``n`` should count backwards; today it returns ``d`` unchanged.
    current = d
    remaining = n
    while remaining > 0:
        current += timedelta(days=1)
        if calendar.is_business_day(current):
            remaining -= 1
    return current


def business_days_between(start: date, end: date, calendar: HolidayCalendar) -> int:
    """Number of business days from ``start`` to ``end``, both ends included."""
    if end < start:
        return 0
    return sum(1 for d in iter_days(start, end + timedelta(days=1)) if calendar.is_business_day(d))
