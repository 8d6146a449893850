from datetime import datetime

from schedule.ical import Event, event_lines, export_calendar
from schedule.recurrence import Frequency, RecurrenceRule
from schedule.slots import TimeSlot

STAMP = datetime(2024, 1, 1, 0, 0)


def dt_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith(("DTSTART", "DTEND"))]


def test_single_full_day():
    slot = TimeSlot(datetime(2024, 3, 1), datetime(2024, 3, 2))
    lines = event_lines(Event("d1", "Holiday", slot, all_day=True), STAMP)
    assert dt_lines(lines) == ["DTSTART;VALUE=DATE:20240301", "DTEND;VALUE=DATE:20240302"]


def test_partial_days_cover_whole_days():
    slot = TimeSlot(datetime(2024, 3, 1, 9), datetime(2024, 3, 3, 10))
    lines = event_lines(Event("d2", "Offsite", slot, all_day=True), STAMP)
    assert dt_lines(lines) == ["DTSTART;VALUE=DATE:20240301", "DTEND;VALUE=DATE:20240304"]


def test_end_at_midnight_across_month_and_leap_day():
    slot = TimeSlot(datetime(2024, 2, 28, 8), datetime(2024, 3, 1, 0, 0))
    lines = event_lines(Event("d3", "Trip", slot, all_day=True), STAMP)
    assert dt_lines(lines) == ["DTSTART;VALUE=DATE:20240228", "DTEND;VALUE=DATE:20240301"]


def test_other_lines_unchanged_and_order_kept():
    slot = TimeSlot(datetime(2024, 3, 1), datetime(2024, 3, 2))
    rule = RecurrenceRule(Frequency.YEARLY, datetime(2024, 3, 1), count=3)
    lines = event_lines(Event("d4", "Anniversary", slot, rule=rule, all_day=True), STAMP)
    assert lines == [
        "BEGIN:VEVENT",
        "UID:d4",
        "DTSTAMP:20240101T000000",
        "DTSTART;VALUE=DATE:20240301",
        "DTEND;VALUE=DATE:20240302",
        "SUMMARY:Anniversary",
        "RRULE:FREQ=YEARLY;COUNT=3",
        "END:VEVENT",
    ]


def test_timed_event_is_default():
    slot = TimeSlot(datetime(2024, 3, 1, 9), datetime(2024, 3, 1, 10))
    event = Event("t1", "Meeting", slot)
    assert event.all_day is False
    assert dt_lines(event_lines(event, STAMP)) == ["DTSTART:20240301T090000", "DTEND:20240301T100000"]
    text = export_calendar([Event("d5", "Day", TimeSlot(datetime(2024, 3, 1), datetime(2024, 3, 2)), all_day=True)], STAMP)
    assert "DTSTART;VALUE=DATE:20240301\r\n" in text


def test_all_day_rrule_line_exactly_as_today():
    # "All other lines, and their order, stay exactly as today": the RRULE line of an all-day
    # event keeps UNTIL as a date-time.
    slot = TimeSlot(datetime(2024, 3, 4), datetime(2024, 3, 5))
    rule = RecurrenceRule(Frequency.WEEKLY, datetime(2024, 3, 4), interval=2,
                          until=datetime(2024, 4, 29, 23, 30))
    lines = event_lines(Event("w2", "Standup", slot, rule=rule, all_day=True), STAMP)
    assert lines == [
        "BEGIN:VEVENT",
        "UID:w2",
        "DTSTAMP:20240101T000000",
        "DTSTART;VALUE=DATE:20240304",
        "DTEND;VALUE=DATE:20240305",
        "SUMMARY:Standup",
        "RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20240429T233000",
        "END:VEVENT",
    ]
