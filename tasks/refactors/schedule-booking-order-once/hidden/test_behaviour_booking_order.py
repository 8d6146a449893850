"""Behaviour that must be the same before and after the duplication is removed: ordering,
the conflict check and its order of checks. Only names public before and after."""

from datetime import date, datetime

import pytest

from schedule.slots import Booking, BookingBook, BookingConflict, TimeSlot


def at(day, hour, minute=0):
    return datetime(2024, 5, day, hour, minute)


def booking(id_, day, start, end, title="Meeting"):
    return Booking(id_, title, TimeSlot(at(day, *start), at(day, *end)))


def filled():
    book = BookingBook()
    for b in [
        booking("k", 2, (9,), (10,)),
        booking("c", 1, (14,), (15,)),
        booking("a", 1, (9,), (9, 30)),
        booking("z", 3, (0,), (1,)),
        booking("b", 1, (11,), (12,)),
        booking("y", 1, (23,), (23, 59)),
    ]:
        book.add(b)
    return book


def test_bookings_are_ordered_by_start():
    assert [b.id for b in filled().bookings()] == ["a", "b", "c", "y", "k", "z"]
    assert BookingBook().bookings() == []


def test_bookings_returns_a_fresh_list():
    book = filled()
    listed = book.bookings()
    listed.clear()
    assert len(book.bookings()) == 6


def test_bookings_on_filters_by_start_day_in_order():
    book = filled()
    assert [b.id for b in book.bookings_on(date(2024, 5, 1))] == ["a", "b", "c", "y"]
    assert [b.id for b in book.bookings_on(date(2024, 5, 2))] == ["k"]
    assert [b.id for b in book.bookings_on(date(2024, 5, 3))] == ["z"]
    assert book.bookings_on(date(2024, 5, 4)) == []


def test_a_booking_over_midnight_belongs_to_its_start_day():
    book = BookingBook()
    book.add(Booking("night", "Deploy", TimeSlot(at(1, 23), at(2, 1))))
    assert [b.id for b in book.bookings_on(date(2024, 5, 1))] == ["night"]
    assert book.bookings_on(date(2024, 5, 2)) == []


def test_conflict_names_the_earliest_conflicting_booking():
    book = filled()
    with pytest.raises(BookingConflict) as excinfo:
        book.add(booking("x", 1, (9, 15), (14, 30)))
    assert excinfo.value.existing.id == "a"
    assert excinfo.value.booking.id == "x"
    with pytest.raises(BookingConflict) as excinfo:
        book.add(booking("w", 1, (11, 30), (23, 30)))
    assert excinfo.value.existing.id == "b"
    assert len(book) == 6 and book.get("x") is None and book.get("w") is None


def test_touching_still_conflicts():
    book = filled()
    with pytest.raises(BookingConflict) as excinfo:
        book.add(booking("t", 1, (10,), (11,)))
    assert excinfo.value.existing.id == "b"
    book.add(booking("u", 1, (10,), (10, 59)))
    assert [b.id for b in book.bookings_on(date(2024, 5, 1))] == ["a", "u", "b", "c", "y"]


def test_duplicate_id_is_checked_before_conflicts():
    book = filled()
    with pytest.raises(ValueError, match="^duplicate booking id: a$"):
        book.add(booking("a", 1, (9,), (9, 30)))
    with pytest.raises(ValueError, match="^duplicate booking id: k$"):
        book.add(booking("k", 7, (9,), (10,)))


def test_conflicts_with_is_ordered_and_inclusive():
    book = filled()
    assert [b.id for b in book.conflicts_with(TimeSlot(at(1, 0), at(3, 0)))] == ["a", "b", "c", "y", "k", "z"]
    assert [b.id for b in book.conflicts_with(TimeSlot(at(1, 12), at(1, 14)))] == ["b", "c"]
    assert book.conflicts_with(TimeSlot(at(1, 12, 1), at(1, 13, 59))) == []


def test_remove_then_add_again():
    book = filled()
    removed = book.remove("b")
    assert removed.id == "b"
    book.add(booking("b2", 1, (10,), (12,)))
    assert [b.id for b in book.bookings_on(date(2024, 5, 1))] == ["a", "b2", "c", "y"]
    with pytest.raises(KeyError):
        book.remove("b")
