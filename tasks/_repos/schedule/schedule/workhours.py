"""Working-hours calculations: elapsed working time and deadlines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from schedule.dates import iter_days
from schedule.slots import TimeSlot


@dataclass(frozen=True)
class WorkingHours:
    """Daily opening hours on a fixed set of weekdays (0=Monday ... 6=Sunday)."""

    opens: time = time(9, 0)
    closes: time = time(17, 0)
    weekdays: frozenset[int] = field(default_factory=lambda: frozenset(range(5)))

    def __post_init__(self) -> None:
        if self.closes <= self.opens:
            raise ValueError("closing time must be after opening time")
        if not self.weekdays <= frozenset(range(7)):
            raise ValueError(f"weekdays must be within 0-6, got {sorted(self.weekdays)}")

    @property
    def daily_minutes(self) -> int:
        opens = datetime.combine(date.min, self.opens)
        closes = datetime.combine(date.min, self.closes)
        return int((closes - opens).total_seconds() // 60)

    def window_for(self, day: date) -> TimeSlot | None:
        """The working window on ``day``, or ``None`` if ``day`` is not a working day."""
        if day.weekday() not in self.weekdays:
            return None
        return TimeSlot(datetime.combine(day, self.opens), datetime.combine(day, self.closes))


def working_minutes_between(start: datetime, end: datetime, hours: WorkingHours) -> int:
    """Whole working minutes in ``[start, end)``; 0 when ``end`` is not after ``start``."""
    if end <= start:
        return 0
    span = TimeSlot(start, end)
    total = 0
    for day in iter_days(start.date(), end.date() + timedelta(days=1)):
        window = hours.window_for(day)
        if window is None:
            continue
        overlap = window.intersection(span)
        if overlap is not None:
            total += overlap.minutes
    return total


def add_working_minutes(start: datetime, minutes: int, hours: WorkingHours) -> datetime:
    """The moment ``minutes`` working minutes after ``start``.

    Time outside the working windows does not count. A result that lands exactly
    on a closing time is returned as that closing time (not the next opening).
    """
    if minutes < 0:
        raise ValueError(f"minutes must not be negative, got {minutes}")
    if not hours.weekdays:
        raise ValueError("working hours have no working days")
    remaining = minutes
    day = start.date()
    while True:
        window = hours.window_for(day)
        if window is not None:
            begin = max(start, window.start)
            if begin < window.end:
                available = int((window.end - begin).total_seconds() // 60)
                if remaining <= available:
                    return begin + timedelta(minutes=remaining)
                remaining -= available
        day += timedelta(days=1)


def next_opening(moment: datetime, hours: WorkingHours) -> datetime:
    """``moment`` if it is inside a working window, otherwise the next opening time."""
    if not hours.weekdays:
        raise ValueError("working hours have no working days")
    day = moment.date()
    while True:
        window = hours.window_for(day)
        if window is not None and moment < window.end:
            return max(moment, window.start)
        day += timedelta(days=1)
