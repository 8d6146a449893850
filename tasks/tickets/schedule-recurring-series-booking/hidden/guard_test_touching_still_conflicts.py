"""Guard: the treatment of touching slots is a separate question. TimeSlot.overlaps and
BookingBook.add keep reporting touching slots as a conflict, and add_series checks collisions
per TimeSlot.overlaps, so an occurrence that merely touches a booking collides too. (Before
the ticket there is no add_series to guard.)"""

from datetime import datetime, timedelta

import pytest

from schedule.recurrence import Frequency, RecurrenceRule
from schedule.slots import Booking, BookingBook, BookingConflict, TimeSlot

MAY = TimeSlot(datetime(2024, 5, 1), datetime(2024, 6, 1))


def test_touching_slots_still_conflict_in_add():
    early = TimeSlot(datetime(2024, 5, 6, 9), datetime(2024, 5, 6, 10))
    late = TimeSlot(datetime(2024, 5, 6, 10), datetime(2024, 5, 6, 11))
    assert early.overlaps(late) and late.overlaps(early)
    book = BookingBook()
    book.add(Booking("a", "A", early))
    with pytest.raises(BookingConflict):
        book.add(Booking("b", "B", late))


def test_series_occurrence_touching_a_booking_collides():
    if not hasattr(BookingBook, "add_series"):
        return
    book = BookingBook()
    book.add(Booking("standup", "Standup", TimeSlot(datetime(2024, 5, 13, 9), datetime(2024, 5, 13, 10))))
    weekly = RecurrenceRule(Frequency.WEEKLY, datetime(2024, 5, 6, 10))
    with pytest.raises(BookingConflict):
        book.add_series("sync", "Sync", weekly, timedelta(hours=1), MAY)
