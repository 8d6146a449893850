"""Goal tests (import the code): a custom rule plugged into BookingBook decides for both add
and conflicts_with, called as rule(existing_slot, candidate_slot). Imports happen inside the
tests, so the untouched repo collects."""

import importlib
from datetime import datetime, timedelta

import pytest


def slots():
    return importlib.import_module("schedule.slots")


def slot(start_hour, end_hour, minute=0):
    s = slots()
    return s.TimeSlot(datetime(2024, 5, 1, start_hour, minute), datetime(2024, 5, 1, end_hour))


def test_a_rule_that_never_conflicts_allows_double_booking():
    s = slots()
    book = s.BookingBook(conflict=lambda existing, candidate: False)
    book.add(s.Booking("a", "One", slot(9, 11)))
    book.add(s.Booking("b", "Two", slot(9, 11)))
    assert len(book) == 2
    assert book.conflicts_with(slot(8, 12)) == []


def test_a_buffer_rule_is_used_by_add_and_conflicts_with():
    s = slots()
    buffer = timedelta(minutes=15)

    def with_buffer(existing, candidate):
        return candidate.start < existing.end + buffer and existing.start < candidate.end + buffer

    book = s.BookingBook(conflict=with_buffer)
    book.add(s.Booking("a", "Planning", slot(9, 10)))
    book.add(s.Booking("b", "Sync", slot(13, 14)))
    with pytest.raises(s.BookingConflict) as excinfo:
        book.add(s.Booking("x", "Too soon", slot(10, 11, minute=10)))
    assert excinfo.value.existing.id == "a"
    book.add(s.Booking("y", "Late enough", slot(10, 11, minute=20)))
    assert [b.id for b in book.conflicts_with(slot(11, 12, minute=10))] == ["y"]
    assert [b.id for b in book.conflicts_with(slot(12, 13, minute=50))] == ["b"]


def test_the_rule_gets_the_existing_slot_first_and_the_candidate_second():
    s = slots()
    calls = []

    def recording(existing, candidate):
        calls.append((existing, candidate))
        return False

    book = s.BookingBook(conflict=recording)
    first, second, probe = slot(9, 10), slot(11, 12), slot(15, 16)
    book.add(s.Booking("a", "First", first))
    book.add(s.Booking("b", "Second", second))
    assert set(calls) == {(first, second)}
    calls.clear()
    book.conflicts_with(probe)
    assert set(calls) == {(first, probe), (second, probe)}


def test_any_callable_object_works_as_a_rule():
    s = slots()

    class OnlySameStart:
        def __call__(self, existing, candidate):
            return existing.start == candidate.start

    book = s.BookingBook(conflict=OnlySameStart())
    book.add(s.Booking("a", "One", slot(9, 11)))
    book.add(s.Booking("b", "Overlapping but later", slot(10, 12)))
    with pytest.raises(s.BookingConflict):
        book.add(s.Booking("c", "Same start", slot(9, 10)))
