"""Time slots and a conflict-checking booking book."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True, order=True)
class TimeSlot:
    """A half-open stretch of time ``[start, end)``."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("a time slot must end after it starts")

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    @property
    def minutes(self) -> int:
        return int(self.duration.total_seconds() // 60)

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    def overlaps(self, other: TimeSlot) -> bool:
        """True when the two slots share some stretch of time."""
        return self.start <= other.end and other.start <= self.end

    def intersection(self, other: TimeSlot) -> TimeSlot | None:
        start = max(self.start, other.start)
        end = min(self.end, other.end)
        if start >= end:
            return None
        return TimeSlot(start, end)

    def shift(self, delta: timedelta) -> TimeSlot:
        return TimeSlot(self.start + delta, self.end + delta)


@dataclass(frozen=True)
class Booking:
    id: str
    title: str
    slot: TimeSlot


class BookingConflict(Exception):
    """Raised when a booking would overlap one that is already in the book."""

    def __init__(self, booking: Booking, existing: Booking) -> None:
        super().__init__(f"booking {booking.id!r} conflicts with {existing.id!r}")
        self.booking = booking
        self.existing = existing


class BookingBook:
    """Bookings for a single resource (a room, a person); no two may overlap."""

    def __init__(self) -> None:
        self._bookings: dict[str, Booking] = {}

    def add(self, booking: Booking) -> None:
        """Add ``booking``.

        Raises ``ValueError`` for a duplicate id and ``BookingConflict`` when the
        slot overlaps or merely touches (one ends as the other starts) an
        existing booking.
        """
        if booking.id in self._bookings:
            raise ValueError(f"duplicate booking id: {booking.id}")
        for existing in sorted(self._bookings.values(), key=lambda b: (b.slot.start, b.id)):
            if existing.slot.overlaps(booking.slot):
                raise BookingConflict(booking, existing)
        self._bookings[booking.id] = booking

    def remove(self, booking_id: str) -> Booking:
        try:
            return self._bookings.pop(booking_id)
        except KeyError:
            raise KeyError(f"no booking with id {booking_id!r}") from None

    def get(self, booking_id: str) -> Booking | None:
        return self._bookings.get(booking_id)

    def bookings(self) -> list[Booking]:
        """All bookings ordered by start time."""
        return sorted(self._bookings.values(), key=lambda b: (b.slot.start, b.id))

    def conflicts_with(self, slot: TimeSlot) -> list[Booking]:
        """Bookings whose slot overlaps ``slot``, ordered by start time."""
        return [b for b in self.bookings() if b.slot.overlaps(slot)]

    def bookings_on(self, day: date) -> list[Booking]:
        """Bookings that start on ``day``, ordered by start time."""
        ordered = sorted(self._bookings.values(), key=lambda b: (b.slot.start, b.id))
        return [b for b in ordered if b.slot.start.date() == day]

    def __len__(self) -> int:
        return len(self._bookings)
