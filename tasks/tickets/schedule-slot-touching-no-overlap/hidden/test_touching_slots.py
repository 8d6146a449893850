from datetime import datetime

from schedule.slots import Booking, BookingBook, TimeSlot


def slot(start_hour: int, end_hour: int) -> TimeSlot:
    return TimeSlot(datetime(2024, 5, 1, start_hour), datetime(2024, 5, 1, end_hour))


def test_back_to_back_slots_do_not_overlap():
    assert not slot(9, 10).overlaps(slot(10, 11))
    assert not slot(10, 11).overlaps(slot(9, 10))


def test_real_overlaps_still_detected():
    assert slot(9, 11).overlaps(slot(10, 12))
    assert slot(10, 12).overlaps(slot(9, 11))
    assert slot(9, 12).overlaps(slot(10, 11))
    assert slot(10, 11).overlaps(slot(10, 11))


def test_book_accepts_back_to_back_bookings():
    book = BookingBook()
    book.add(Booking("a", "Standup", slot(9, 10)))
    book.add(Booking("b", "Review", slot(10, 11)))
    book.add(Booking("c", "Early", slot(8, 9)))
    assert [b.id for b in book.bookings()] == ["c", "a", "b"]


def test_conflicts_with_ignores_touching_bookings():
    book = BookingBook()
    book.add(Booking("a", "Standup", slot(9, 10)))
    book.add(Booking("b", "Lunch", slot(12, 13)))
    assert book.conflicts_with(slot(10, 12)) == []
    assert [b.id for b in book.conflicts_with(slot(9, 13))] == ["a", "b"]
