"""Behaviour that must be the same before and after the rule is made pluggable: a
BookingBook() with the default rule. Only names public before and after."""

from datetime import date, datetime

import pytest

from schedule.slots import Booking, BookingBook, BookingConflict, TimeSlot


def slot(day, start, end):
    return TimeSlot(datetime(2024, 5, day, *start), datetime(2024, 5, day, *end))


def book_of(*bookings):
    book = BookingBook()
    for b in bookings:
        book.add(b)
    return book


A = Booking("a", "Planning", slot(1, (9,), (11,)))
B = Booking("b", "Sync", slot(1, (13,), (14,)))
C = Booking("c", "Review", slot(2, (9,), (10,)))


def test_overlapping_booking_is_rejected_and_named():
    book = book_of(A, B)
    with pytest.raises(BookingConflict) as excinfo:
        book.add(Booking("x", "Clash", slot(1, (10,), (12,))))
    assert excinfo.value.existing is A
    assert excinfo.value.booking.id == "x"
    assert str(excinfo.value) == "booking 'x' conflicts with 'a'"
    assert len(book) == 2 and book.get("x") is None


def test_touching_bookings_conflict():
    book = book_of(A)
    with pytest.raises(BookingConflict):
        book.add(Booking("x", "Right after", slot(1, (11,), (12,))))
    with pytest.raises(BookingConflict):
        book.add(Booking("y", "Right before", slot(1, (8,), (9,))))
    book.add(Booking("z", "A minute later", slot(1, (11, 1), (12,))))
    assert [b.id for b in book.bookings()] == ["a", "z"]


def test_the_conflict_names_the_earliest_booking_by_start():
    book = BookingBook()
    book.add(Booking("m2", "Late", slot(1, (12,), (13,))))
    book.add(Booking("m3", "Later", slot(1, (15,), (16,))))
    book.add(Booking("m1", "Early", slot(1, (9,), (10,))))
    with pytest.raises(BookingConflict) as excinfo:
        book.add(Booking("x", "Long", slot(1, (8,), (18,))))
    assert excinfo.value.existing.id == "m1"
    with pytest.raises(BookingConflict) as excinfo:
        book.add(Booking("y", "Afternoon", slot(1, (12, 30), (15, 30))))
    assert excinfo.value.existing.id == "m2"


def test_duplicate_id_is_rejected_before_any_conflict_check():
    book = book_of(A)
    with pytest.raises(ValueError, match="^duplicate booking id: a$"):
        book.add(Booking("a", "Same id, same time", slot(1, (9,), (11,))))
    with pytest.raises(ValueError, match="duplicate booking id"):
        book.add(Booking("a", "Same id, elsewhere", slot(5, (9,), (11,))))


def test_conflicts_with():
    book = book_of(B, A, C)
    assert [b.id for b in book.conflicts_with(slot(1, (10,), (12,)))] == ["a"]
    assert [b.id for b in book.conflicts_with(slot(1, (8,), (15,)))] == ["a", "b"]
    assert [b.id for b in book.conflicts_with(slot(1, (11,), (13,)))] == ["a", "b"]   # touching both
    assert book.conflicts_with(slot(1, (11, 30), (12, 30))) == []
    assert [b.id for b in book.conflicts_with(TimeSlot(datetime(2024, 5, 1), datetime(2024, 5, 3)))] == [
        "a", "b", "c"]
    assert BookingBook().conflicts_with(slot(1, (9,), (10,))) == []


def test_listing_and_removal_unchanged():
    book = book_of(C, B, A)
    assert [b.id for b in book.bookings()] == ["a", "b", "c"]
    assert [b.id for b in book.bookings_on(date(2024, 5, 1))] == ["a", "b"]
    assert book.remove("b") is B
    with pytest.raises(KeyError, match="no booking with id 'b'"):
        book.remove("b")
    book.add(Booking("b2", "Back in", slot(1, (12,), (14,))))
    assert [b.id for b in book.bookings()] == ["a", "b2", "c"]


def test_books_are_independent():
    first, second = BookingBook(), BookingBook()
    first.add(A)
    second.add(Booking("x", "Same time elsewhere", A.slot))
    assert len(first) == 1 and len(second) == 1
