"""Recurring event rules: daily, weekly, monthly and yearly repetition."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from schedule.dates import add_months, add_years


class Frequency(Enum):
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    YEARLY = "YEARLY"


@dataclass(frozen=True)
class RecurrenceRule:
    """Repeat ``start`` every ``interval`` periods of ``freq``.

    ``count`` limits the number of occurrences, ``until`` is the last moment an
    occurrence may start (inclusive). Both may be given; the series stops at
    whichever limit is reached first. Without either the series is infinite.
    """

    freq: Frequency
    start: datetime
    interval: int = 1
    count: int | None = None
    until: datetime | None = None

    def __post_init__(self) -> None:
        if self.interval < 1:
            raise ValueError(f"interval must be at least 1, got {self.interval}")
        if self.count is not None and self.count < 1:
            raise ValueError(f"count must be at least 1, got {self.count}")
        if self.until is not None and self.until < self.start:
            raise ValueError("until must not be before start")

    @property
    def is_finite(self) -> bool:
        return self.count is not None or self.until is not None

    def _step(self, current: datetime) -> datetime:
        # Month and year arithmetic is done by hand to stay dependency-free
        # (python-dateutil's rrule/relativedelta would cover it).
        if self.freq is Frequency.DAILY:
            return current + timedelta(days=self.interval)
        if self.freq is Frequency.WEEKLY:
            return current + timedelta(weeks=self.interval)
        if self.freq is Frequency.MONTHLY:
            return datetime.combine(add_months(current.date(), self.interval), current.time())
        return datetime.combine(add_years(current.date(), self.interval), current.time())

    def occurrences(self) -> Iterator[datetime]:
        """Yield occurrence start times in order (forever if the rule is infinite)."""
        current = self.start
        produced = 0
        while True:
            if self.count is not None and produced >= self.count:
                return
            if self.until is not None and current > self.until:
                return
            yield current
            produced += 1
            current = self._step(current)

    def between(self, window_start: datetime, window_end: datetime) -> list[datetime]:
        """Occurrences starting in the half-open window ``[window_start, window_end)``."""
        found: list[datetime] = []
        for occurrence in self.occurrences():
            if occurrence >= window_end:
                break
            if occurrence >= window_start:
                found.append(occurrence)
        return found

    def first_after(self, moment: datetime) -> datetime | None:
        """The first occurrence strictly after ``moment``, or ``None`` if the series ends first."""
        for occurrence in self.occurrences():
            if occurrence > moment:
                return occurrence
        return None
