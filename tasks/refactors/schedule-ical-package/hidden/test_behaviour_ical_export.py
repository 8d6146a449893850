"""Behaviour that must be the same before and after the split: everything importable from
schedule.ical, byte for byte. Only names public before and after."""

import dataclasses
from datetime import date, datetime

import pytest

from schedule.ical import (
    CRLF,
    LINE_LIMIT,
    Event,
    escape_text,
    event_lines,
    export_calendar,
    fold_line,
    format_date,
    format_datetime,
    rule_to_rrule,
)
from schedule.recurrence import Frequency, RecurrenceRule
from schedule.slots import TimeSlot

STAMP = datetime(2024, 1, 1, 0, 0)
SLOT = TimeSlot(datetime(2024, 2, 5, 9, 30), datetime(2024, 2, 5, 10, 0))


def test_constants():
    assert CRLF == "\r\n"
    assert LINE_LIMIT == 75


@pytest.mark.parametrize(("value", "want"), [
    ("plain text", "plain text"),
    ("a\\b", "a\\\\b"),
    ("line1\nline2", "line1\\nline2"),
    ("back\\\nslash", "back\\\\\\nslash"),
    ("semi;colon, comma", "semi;colon, comma"),     # not escaped today
    ("tab\tand\rcr", "tab\tand\rcr"),
    ("", ""),
])
def test_escape_text(value, want):
    assert escape_text(value) == want


def test_fold_line():
    assert fold_line("") == ""
    assert fold_line("x" * 75) == "x" * 75
    assert fold_line("x" * 76) == "x" * 75 + "\r\n" + " x"
    assert fold_line("x" * 149) == "x" * 75 + "\r\n " + "x" * 74
    assert fold_line("x" * 150) == "x" * 75 + "\r\n " + "x" * 74 + "\r\n x"
    assert fold_line("abcdefghij", limit=4) == "abcd\r\n efg\r\n hij"
    assert fold_line("abcdefghij", 10) == "abcdefghij"
    assert fold_line("é" * 80) == "é" * 75 + "\r\n " + "é" * 5     # characters, not octets


def test_date_values():
    assert format_datetime(datetime(2024, 1, 31, 9, 30)) == "20240131T093000"
    assert format_datetime(datetime(2024, 12, 5, 23, 59, 59, 999999)) == "20241205T235959"
    assert format_date(date(2024, 2, 29)) == "20240229"
    assert format_date(datetime(2024, 3, 1, 12)) == "20240301"


def test_rule_to_rrule():
    start = datetime(2024, 2, 5, 9, 30)
    assert rule_to_rrule(RecurrenceRule(Frequency.DAILY, start)) == "FREQ=DAILY"
    assert rule_to_rrule(RecurrenceRule(Frequency.MONTHLY, start, interval=3)) == "FREQ=MONTHLY;INTERVAL=3"
    assert rule_to_rrule(RecurrenceRule(
        Frequency.YEARLY, start, interval=2, count=4, until=datetime(2030, 1, 1, 8))) == \
        "FREQ=YEARLY;INTERVAL=2;COUNT=4;UNTIL=20300101T080000"


def test_event_defaults_and_value_semantics():
    event = Event("e1", "Standup", SLOT)
    assert (event.description, event.location, event.rule) == ("", "", None)
    assert event == Event("e1", "Standup", SLOT)
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.summary = "Other"
    assert [f.name for f in dataclasses.fields(Event)] == [
        "uid", "summary", "slot", "description", "location", "rule"]


def test_event_lines_with_everything():
    rule = RecurrenceRule(Frequency.WEEKLY, SLOT.start, interval=2, count=5)
    event = Event("e2@example", "Plan; review, decide", SLOT, description="Agenda:\n1. a\\b",
                  location="Room 1", rule=rule)
    assert event_lines(event, STAMP) == [
        "BEGIN:VEVENT",
        "UID:e2@example",
        "DTSTAMP:20240101T000000",
        "DTSTART:20240205T093000",
        "DTEND:20240205T100000",
        "SUMMARY:Plan; review, decide",
        "DESCRIPTION:Agenda:\\n1. a\\\\b",
        "LOCATION:Room 1",
        "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=5",
        "END:VEVENT",
    ]


def test_export_calendar_byte_for_byte():
    long_description = "A very long description " * 7
    events = [
        Event("e1", "Standup", SLOT, rule=RecurrenceRule(Frequency.DAILY, SLOT.start, count=3)),
        Event("e2", "Retro", SLOT.shift(SLOT.duration * 2), description=long_description),
    ]
    text = export_calendar(events, STAMP, prodid="-//acme//planner//EN")
    description = "DESCRIPTION:" + long_description
    assert text == (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//acme//planner//EN\r\n"
        "BEGIN:VEVENT\r\nUID:e1\r\nDTSTAMP:20240101T000000\r\nDTSTART:20240205T093000\r\n"
        "DTEND:20240205T100000\r\nSUMMARY:Standup\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:e2\r\nDTSTAMP:20240101T000000\r\nDTSTART:20240205T103000\r\n"
        "DTEND:20240205T110000\r\nSUMMARY:Retro\r\n"
        + description[:75] + "\r\n " + description[75:149] + "\r\n " + description[149:] + "\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def test_export_calendar_defaults_and_empty():
    assert export_calendar([], STAMP) == (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//schedule//EN\r\nEND:VCALENDAR\r\n")
    assert export_calendar(iter([Event("e", "x", SLOT)]), STAMP).count("BEGIN:VEVENT") == 1
