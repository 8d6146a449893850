from datetime import datetime

from schedule.ical import (
    Event,
    escape_text,
    event_lines,
    export_calendar,
    fold_line,
    rule_to_rrule,
)
from schedule.recurrence import Frequency, RecurrenceRule
from schedule.slots import TimeSlot

STAMP = datetime(2024, 1, 1, 0, 0)
SLOT = TimeSlot(datetime(2024, 2, 5, 9, 30), datetime(2024, 2, 5, 10, 0))


def test_escape_backslash_and_newline():
    assert escape_text("a\\b") == "a\\\\b"
    assert escape_text("line1\nline2") == "line1\\nline2"
    assert escape_text("plain text") == "plain text"


def test_fold_line_ascii():
    assert fold_line("x" * 75) == "x" * 75
    folded = fold_line("x" * 160)
    parts = folded.split("\r\n")
    assert [len(p) for p in parts] == [75, 75, 12]
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == "x" * 160


def test_rule_to_rrule():
    rule = RecurrenceRule(Frequency.WEEKLY, datetime(2024, 2, 5, 9, 30), interval=2, count=5)
    assert rule_to_rrule(rule) == "FREQ=WEEKLY;INTERVAL=2;COUNT=5"
    until = RecurrenceRule(Frequency.DAILY, datetime(2024, 2, 5), until=datetime(2024, 2, 9))
    assert rule_to_rrule(until) == "FREQ=DAILY;UNTIL=20240209T000000"


def test_event_lines():
    event = Event("e1@example", "Standup", SLOT, location="Room 1")
    assert event_lines(event, STAMP) == [
        "BEGIN:VEVENT",
        "UID:e1@example",
        "DTSTAMP:20240101T000000",
        "DTSTART:20240205T093000",
        "DTEND:20240205T100000",
        "SUMMARY:Standup",
        "LOCATION:Room 1",
        "END:VEVENT",
    ]


def test_export_calendar_structure():
    rule = RecurrenceRule(Frequency.DAILY, SLOT.start, count=3)
    text = export_calendar([Event("e1", "Standup", SLOT, rule=rule)], STAMP)
    lines = text.split("\r\n")
    assert lines[:3] == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//schedule//EN"]
    assert "RRULE:FREQ=DAILY;COUNT=3" in lines
    assert lines[-2:] == ["END:VCALENDAR", ""]
