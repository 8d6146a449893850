"""Calendar arithmetic on plain ``datetime.date`` values."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

WEEKDAY_CODES: tuple[str, ...] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def is_leap_year(year: int) -> bool:
    """Gregorian leap-year rule."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    """Number of days in ``month`` (1-12) of ``year``."""
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month}")
    if month == 2:
        return 29 if is_leap_year(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def month_end(d: date) -> date:
    """Last day of the month containing ``d``."""
    return d.replace(day=days_in_month(d.year, d.month))


def add_months(d: date, months: int) -> date:
    """Shift ``d`` by ``months`` calendar months (may be negative).

    The day of month is clamped to the length of the target month, so
    ``add_months(date(2023, 1, 31), 1)`` is ``date(2023, 2, 28)``.
    """
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    day = min(d.day, days_in_month(year, month0 + 1))
    return date(year, month0 + 1, day)


def add_years(d: date, years: int) -> date:
    """Shift ``d`` by ``years`` calendar years (may be negative)."""
    return d.replace(year=d.year + years)


def iter_days(start: date, end: date) -> Iterator[date]:
    """Yield every day in the half-open range ``[start, end)``."""
    current = start
    while current < end:
        yield current
        current += timedelta(days=1)


def week_start(d: date, first_weekday: int = 0) -> date:
    """First day of the week containing ``d`` (``first_weekday``: 0=Monday ... 6=Sunday)."""
    if not 0 <= first_weekday <= 6:
        raise ValueError(f"first_weekday out of range: {first_weekday}")
    offset = (d.weekday() - first_weekday) % 7
    return d - timedelta(days=offset)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (0=Monday) of a month; ``n=-1`` is the last one.

    Raises ``ValueError`` when the month has no such day (e.g. a fifth Monday).
    """
    if n == -1:
        last = date(year, month, days_in_month(year, month))
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    if not 1 <= n <= 5:
        raise ValueError(f"n must be 1-5 or -1, got {n}")
    first = date(year, month, 1)
    result = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    if result.month != month:
        raise ValueError(f"{year}-{month:02d} has no occurrence {n} of weekday {weekday}")
    return result
