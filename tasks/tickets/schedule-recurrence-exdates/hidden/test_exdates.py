from datetime import datetime

from schedule.ical import Event, event_lines, export_calendar
from schedule.recurrence import Frequency, RecurrenceRule
from schedule.slots import TimeSlot

STAMP = datetime(2024, 1, 1)


def weekly(**kwargs) -> RecurrenceRule:
    return RecurrenceRule(Frequency.WEEKLY, datetime(2024, 1, 3, 9), **kwargs)


def test_excluded_occurrences_are_skipped():
    rule = weekly(until=datetime(2024, 1, 31, 9), exdates=frozenset({datetime(2024, 1, 17, 9)}))
    assert list(rule.occurrences()) == [
        datetime(2024, 1, 3, 9),
        datetime(2024, 1, 10, 9),
        datetime(2024, 1, 24, 9),
        datetime(2024, 1, 31, 9),
    ]


def test_excluded_occurrences_still_consume_count():
    rule = weekly(count=4, exdates=frozenset({datetime(2024, 1, 3, 9), datetime(2024, 1, 17, 9)}))
    assert list(rule.occurrences()) == [datetime(2024, 1, 10, 9), datetime(2024, 1, 24, 9)]


def test_exdate_must_match_exactly():
    rule = weekly(count=2, exdates=frozenset({datetime(2024, 1, 10, 10), datetime(2024, 1, 5, 9)}))
    assert list(rule.occurrences()) == [datetime(2024, 1, 3, 9), datetime(2024, 1, 10, 9)]


def test_between_and_first_after_skip_exdates():
    rule = weekly(exdates=frozenset({datetime(2024, 1, 10, 9)}))
    assert rule.between(datetime(2024, 1, 1), datetime(2024, 1, 20)) == [
        datetime(2024, 1, 3, 9),
        datetime(2024, 1, 17, 9),
    ]
    assert rule.first_after(datetime(2024, 1, 3, 9)) == datetime(2024, 1, 17, 9)


def test_default_has_no_exdates():
    rule = weekly(count=2)
    assert rule.exdates == frozenset()
    assert list(rule.occurrences()) == [datetime(2024, 1, 3, 9), datetime(2024, 1, 10, 9)]


def test_event_lines_emit_sorted_exdate_after_rrule():
    rule = weekly(
        count=6,
        exdates=frozenset({datetime(2024, 1, 24, 9), datetime(2024, 1, 10, 9), datetime(2024, 3, 1, 9)}),
    )
    slot = TimeSlot(datetime(2024, 1, 3, 9), datetime(2024, 1, 3, 10))
    lines = event_lines(Event("e1", "Sync", slot, rule=rule), STAMP)
    assert lines[-3:] == [
        "RRULE:FREQ=WEEKLY;COUNT=6",
        "EXDATE:20240110T090000,20240124T090000,20240301T090000",
        "END:VEVENT",
    ]


def test_no_exdate_line_without_exdates():
    slot = TimeSlot(datetime(2024, 1, 3, 9), datetime(2024, 1, 3, 10))
    text = export_calendar([Event("e1", "Sync", slot, rule=weekly(count=2))], STAMP)
    assert "EXDATE" not in text
    assert "RRULE:FREQ=WEEKLY;COUNT=2\r\nEND:VEVENT\r\n" in text
