from datetime import datetime, timedelta

import pytest

from schedule.recurrence import Frequency, RecurrenceRule
from schedule.slots import Booking, BookingBook, BookingConflict, TimeSlot

MAY = TimeSlot(datetime(2024, 5, 1), datetime(2024, 6, 1))


def weekly(count: int | None = None) -> RecurrenceRule:
    return RecurrenceRule(Frequency.WEEKLY, datetime(2024, 5, 6, 10), count=count)


def test_adds_every_occurrence_in_window():
    book = BookingBook()
    added = book.add_series("sync", "Weekly sync", weekly(), timedelta(hours=1), MAY)
    assert [b.id for b in added] == ["sync-1", "sync-2", "sync-3", "sync-4"]
    assert [b.slot.start for b in added] == [
        datetime(2024, 5, 6, 10),
        datetime(2024, 5, 13, 10),
        datetime(2024, 5, 20, 10),
        datetime(2024, 5, 27, 10),
    ]
    assert all(b.slot.duration == timedelta(hours=1) for b in added)
    assert all(b.title == "Weekly sync" for b in added)
    assert book.bookings() == added


def test_only_occurrences_starting_in_window_numbered_from_one():
    book = BookingBook()
    window = TimeSlot(datetime(2024, 5, 13, 10), datetime(2024, 5, 27, 10))
    added = book.add_series("sync", "Sync", weekly(count=10), timedelta(hours=1), window)
    assert [(b.id, b.slot.start) for b in added] == [
        ("sync-1", datetime(2024, 5, 13, 10)),
        ("sync-2", datetime(2024, 5, 20, 10)),
    ]


def test_conflict_with_existing_booking_adds_nothing():
    book = BookingBook()
    book.add(Booking("offsite", "Offsite", TimeSlot(datetime(2024, 5, 20, 9), datetime(2024, 5, 20, 17))))
    with pytest.raises(BookingConflict) as excinfo:
        book.add_series("sync", "Sync", weekly(), timedelta(hours=1), MAY)
    assert excinfo.value.booking.id == "sync-3"
    assert excinfo.value.booking.slot.start == datetime(2024, 5, 20, 10)
    assert excinfo.value.existing.id == "offsite"
    assert [b.id for b in book.bookings()] == ["offsite"]


def test_series_overlapping_itself_is_rejected():
    book = BookingBook()
    rule = RecurrenceRule(Frequency.DAILY, datetime(2024, 5, 1, 9), count=3)
    with pytest.raises(BookingConflict) as excinfo:
        book.add_series("shift", "Shift", rule, timedelta(hours=30), MAY)
    assert excinfo.value.booking.id == "shift-2"
    assert excinfo.value.existing.id == "shift-1"
    assert len(book) == 0


def test_first_conflict_in_chronological_order_is_reported():
    book = BookingBook()
    book.add(Booking("late", "Late", TimeSlot(datetime(2024, 5, 27, 10, 30), datetime(2024, 5, 27, 12))))
    book.add(Booking("early", "Early", TimeSlot(datetime(2024, 5, 13, 9), datetime(2024, 5, 13, 10, 30))))
    with pytest.raises(BookingConflict) as excinfo:
        book.add_series("sync", "Sync", weekly(), timedelta(hours=1), MAY)
    assert excinfo.value.booking.id == "sync-2"
    assert excinfo.value.existing.id == "early"
    assert len(book) == 2


def test_duplicate_id_raises_value_error_and_adds_nothing():
    book = BookingBook()
    book.add(Booking("sync-2", "Taken", TimeSlot(datetime(2024, 4, 1, 9), datetime(2024, 4, 1, 10))))
    with pytest.raises(ValueError, match="duplicate booking id: sync-2"):
        book.add_series("sync", "Sync", weekly(), timedelta(hours=1), MAY)
    assert [b.id for b in book.bookings()] == ["sync-2"]


def test_no_occurrence_in_window():
    book = BookingBook()
    window = TimeSlot(datetime(2024, 7, 1), datetime(2024, 8, 1))
    assert book.add_series("sync", "Sync", weekly(count=2), timedelta(hours=1), window) == []
    assert len(book) == 0


def test_collision_with_several_reports_the_one_that_starts_earliest():
    # occurrence 2 (May 2 09:00 - May 3 21:00) collides with occurrence 1 (May 1 09:00 -
    # May 2 21:00) and with the existing booking on May 3; occurrence 1 starts earliest
    book = BookingBook()
    book.add(Booking("meeting", "Meeting", TimeSlot(datetime(2024, 5, 3, 10), datetime(2024, 5, 3, 11))))
    rule = RecurrenceRule(Frequency.DAILY, datetime(2024, 5, 1, 9), count=3)
    with pytest.raises(BookingConflict) as excinfo:
        book.add_series("shift", "Shift", rule, timedelta(hours=36), MAY)
    assert excinfo.value.booking.id == "shift-2"
    assert excinfo.value.existing.id == "shift-1"
    assert [b.id for b in book.bookings()] == ["meeting"]


def test_occurrence_touching_a_booking_collides_per_overlaps():
    # collisions are checked per TimeSlot.overlaps, which reports touching slots as overlapping
    book = BookingBook()
    book.add(Booking("standup", "Standup", TimeSlot(datetime(2024, 5, 13, 9), datetime(2024, 5, 13, 10))))
    with pytest.raises(BookingConflict) as excinfo:
        book.add_series("sync", "Sync", weekly(), timedelta(hours=1), MAY)
    assert excinfo.value.booking.id == "sync-2"
    assert excinfo.value.existing.id == "standup"
    assert [b.id for b in book.bookings()] == ["standup"]
