"""Export events as iCalendar (RFC 5545 style) text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from schedule.recurrence import RecurrenceRule
from schedule.slots import TimeSlot

CRLF = "\r\n"
LINE_LIMIT = 75


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    slot: TimeSlot
    description: str = ""
    location: str = ""
    rule: RecurrenceRule | None = None


def escape_text(value: str) -> str:
    """Escape a TEXT property value (backslashes and line breaks)."""
    return value.replace("\\", "\\\\").replace("\n", "\\n")


def fold_line(line: str, limit: int = LINE_LIMIT) -> str:
    """Fold a content line so no physical line exceeds ``limit`` characters.

    Continuation lines start with a single space, which counts towards the limit.
    """
    # TODO(SCH-77): RFC 5545 limits lines to 75 *octets*; multi-byte UTF-8 text
    # folded by characters can still overflow.
    if len(line) <= limit:
        return line
    parts = [line[:limit]]
    rest = line[limit:]
    while rest:
        parts.append(" " + rest[: limit - 1])
        rest = rest[limit - 1 :]
    return CRLF.join(parts)


def format_datetime(value: datetime) -> str:
    """``20240131T093000`` (floating local time)."""
    return value.strftime("%Y%m%dT%H%M%S")


def format_date(value: date) -> str:
    return value.strftime("%Y%m%d")


def rule_to_rrule(rule: RecurrenceRule) -> str:
    """The RRULE value for ``rule``, e.g. ``FREQ=WEEKLY;INTERVAL=2;COUNT=5``."""
    parts = [f"FREQ={rule.freq.value}"]
    if rule.interval != 1:
        parts.append(f"INTERVAL={rule.interval}")
    if rule.count is not None:
        parts.append(f"COUNT={rule.count}")
    if rule.until is not None:
        parts.append(f"UNTIL={format_datetime(rule.until)}")
    return ";".join(parts)


def event_lines(event: Event, stamp: datetime) -> list[str]:
    """Unfolded content lines of one VEVENT; ``stamp`` becomes its DTSTAMP."""
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{format_datetime(stamp)}",
        f"DTSTART:{format_datetime(event.slot.start)}",
        f"DTEND:{format_datetime(event.slot.end)}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.rule is not None:
        lines.append(f"RRULE:{rule_to_rrule(event.rule)}")
    lines.append("END:VEVENT")
    return lines


def export_calendar(
    events: Iterable[Event], stamp: datetime, prodid: str = "-//schedule//EN"
) -> str:
    """A complete VCALENDAR document with CRLF line endings and folded lines.

    Recurring events are exported with their RRULE only; exception dates are
    not part of the export.
    """
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{prodid}"]
    for event in events:
        lines.extend(event_lines(event, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + CRLF for line in lines)
