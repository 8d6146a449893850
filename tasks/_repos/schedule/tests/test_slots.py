from datetime import date, datetime, timedelta

import pytest

from schedule.slots import Booking, BookingBook, BookingConflict, TimeSlot


def slot(day: int, start_hour: int, end_hour: int) -> TimeSlot:
    return TimeSlot(datetime(2024, 5, day, start_hour), datetime(2024, 5, day, end_hour))


def test_slot_requires_positive_length():
    with pytest.raises(ValueError):
        TimeSlot(datetime(2024, 5, 1, 10), datetime(2024, 5, 1, 10))


def test_duration_and_contains():
    s = slot(1, 9, 11)
    assert s.duration == timedelta(hours=2)
    assert s.minutes == 120
    assert s.contains(datetime(2024, 5, 1, 9))
    assert not s.contains(datetime(2024, 5, 1, 11))


def test_overlaps_and_intersection():
    a = slot(1, 9, 12)
    b = slot(1, 11, 13)
    c = slot(1, 14, 15)
    assert a.overlaps(b) and b.overlaps(a)
    assert not a.overlaps(c)
    assert a.intersection(b) == slot(1, 11, 12)
    assert a.intersection(c) is None


def test_shift():
    assert slot(1, 9, 10).shift(timedelta(days=1)) == slot(2, 9, 10)


def test_add_and_list_bookings():
    book = BookingBook()
    book.add(Booking("b2", "Review", slot(2, 9, 10)))
    book.add(Booking("b1", "Standup", slot(1, 9, 10)))
    book.add(Booking("b3", "Lunch", slot(1, 12, 13)))
    assert [b.id for b in book.bookings()] == ["b1", "b3", "b2"]
    assert [b.id for b in book.bookings_on(date(2024, 5, 1))] == ["b1", "b3"]
    assert len(book) == 3


def test_overlapping_booking_rejected():
    book = BookingBook()
    book.add(Booking("a", "Planning", slot(1, 9, 11)))
    with pytest.raises(BookingConflict) as excinfo:
        book.add(Booking("b", "Sync", slot(1, 10, 12)))
    assert excinfo.value.existing.id == "a"
    assert len(book) == 1


def test_duplicate_id_and_remove():
    book = BookingBook()
    book.add(Booking("a", "Planning", slot(1, 9, 11)))
    with pytest.raises(ValueError):
        book.add(Booking("a", "Again", slot(2, 9, 11)))
    assert book.remove("a").title == "Planning"
    with pytest.raises(KeyError):
        book.remove("a")


def test_conflicts_with():
    book = BookingBook()
    book.add(Booking("a", "Planning", slot(1, 9, 11)))
    book.add(Booking("b", "Sync", slot(1, 13, 14)))
    assert [b.id for b in book.conflicts_with(slot(1, 10, 12))] == ["a"]
    assert [b.id for b in book.conflicts_with(slot(1, 8, 15))] == ["a", "b"]
