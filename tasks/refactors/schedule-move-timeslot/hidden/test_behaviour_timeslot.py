"""Behaviour that must be the same before and after the move: TimeSlot as the old import path
gives it, and the modules that use it. Only names public before and after."""

import dataclasses
from datetime import date, datetime, time, timedelta

import pytest

from schedule.ical import Event, event_lines
from schedule.slots import Booking, BookingBook, BookingConflict, TimeSlot
from schedule.workhours import WorkingHours, working_minutes_between


def at(hour, minute=0, day=6):
    return datetime(2024, 5, day, hour, minute)


def test_a_slot_must_end_after_it_starts():
    with pytest.raises(ValueError, match="^a time slot must end after it starts$"):
        TimeSlot(at(10), at(10))
    with pytest.raises(ValueError, match="must end after it starts"):
        TimeSlot(at(11), at(10))


def test_duration_and_whole_minutes():
    assert TimeSlot(at(9), at(10, 30)).duration == timedelta(minutes=90)
    assert TimeSlot(at(9), at(10, 30)).minutes == 90
    assert TimeSlot(at(9), at(9) + timedelta(seconds=119)).minutes == 1
    assert TimeSlot(at(9), at(9) + timedelta(seconds=59)).minutes == 0
    assert TimeSlot(at(9), at(9, day=8)).minutes == 2 * 24 * 60


def test_contains_is_half_open():
    s = TimeSlot(at(9), at(10))
    assert s.contains(at(9))
    assert s.contains(at(9, 59))
    assert not s.contains(at(10))
    assert not s.contains(at(8, 59))


@pytest.mark.parametrize(("a", "b", "want"), [
    ((9, 12), (11, 13), True),
    ((9, 12), (10, 11), True),    # one inside the other
    ((9, 12), (12, 13), True),    # touching counts as overlapping
    ((12, 13), (9, 12), True),
    ((9, 12), (13, 14), False),
])
def test_overlaps(a, b, want):
    first, second = TimeSlot(at(a[0]), at(a[1])), TimeSlot(at(b[0]), at(b[1]))
    assert first.overlaps(second) is want
    assert second.overlaps(first) is want


def test_intersection():
    a = TimeSlot(at(9), at(12))
    assert a.intersection(TimeSlot(at(11), at(13))) == TimeSlot(at(11), at(12))
    assert a.intersection(TimeSlot(at(10), at(11))) == TimeSlot(at(10), at(11))
    assert a.intersection(TimeSlot(at(12), at(13))) is None    # touching: no common time
    assert a.intersection(TimeSlot(at(14), at(15))) is None


def test_shift_keeps_the_length():
    s = TimeSlot(at(9), at(10)).shift(timedelta(days=1, minutes=30))
    assert s == TimeSlot(at(9, 30, day=7), at(10, 30, day=7))
    assert TimeSlot(at(9), at(10)).shift(timedelta(hours=-2)) == TimeSlot(at(7), at(8))


def test_value_semantics():
    a, b = TimeSlot(at(9), at(10)), TimeSlot(at(9), at(10))
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.start = at(8)
    assert sorted([TimeSlot(at(9), at(11)), TimeSlot(at(8), at(12)), TimeSlot(at(9), at(10))]) == [
        TimeSlot(at(8), at(12)), TimeSlot(at(9), at(10)), TimeSlot(at(9), at(11))]
    assert [f.name for f in dataclasses.fields(TimeSlot)] == ["start", "end"]


def test_booking_book_uses_the_slots():
    book = BookingBook()
    book.add(Booking("a", "Planning", TimeSlot(at(9), at(10))))
    with pytest.raises(BookingConflict):
        book.add(Booking("b", "Sync", TimeSlot(at(10), at(11))))    # touching conflicts
    assert [b.id for b in book.conflicts_with(TimeSlot(at(8), at(9)))] == ["a"]
    assert book.conflicts_with(TimeSlot(at(11), at(12))) == []


def test_working_hours_windows_are_time_slots():
    hours = WorkingHours(opens=time(9), closes=time(17))
    window = hours.window_for(date(2024, 5, 6))
    assert window == TimeSlot(at(9), at(17))
    assert isinstance(window, TimeSlot)
    assert working_minutes_between(at(8), at(10), hours) == 60


def test_ical_events_take_slots():
    event = Event("e1", "Standup", TimeSlot(at(9, 30), at(10)))
    lines = event_lines(event, datetime(2024, 1, 1))
    assert "DTSTART:20240506T093000" in lines and "DTEND:20240506T100000" in lines
