from datetime import datetime

from schedule.ical import Event, escape_text, event_lines
from schedule.slots import TimeSlot


def test_semicolon_and_comma_are_escaped():
    assert escape_text("Lunch; bring food, drinks") == "Lunch\\; bring food\\, drinks"


def test_backslash_is_escaped_once_before_separators():
    assert escape_text("a\\;b") == "a\\\\\\;b"
    assert escape_text("C:\\temp,x") == "C:\\\\temp\\,x"


def test_colons_and_other_text_unchanged():
    assert escape_text("Room: 4, floor 2") == "Room: 4\\, floor 2"
    assert escape_text("plain text") == "plain text"
    assert escape_text("a\nb;c") == "a\\nb\\;c"


def test_event_lines_escape_text_properties():
    slot = TimeSlot(datetime(2024, 2, 5, 9), datetime(2024, 2, 5, 10))
    event = Event("e1", "Plan; review", slot, description="Q1, Q2", location="Room 1; East")
    lines = event_lines(event, datetime(2024, 1, 1))
    assert "SUMMARY:Plan\\; review" in lines
    assert "DESCRIPTION:Q1\\, Q2" in lines
    assert "LOCATION:Room 1\\; East" in lines
    assert "UID:e1" in lines
