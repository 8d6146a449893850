"""Guard: the RRULE line is out of scope (SCH-71). UNTIL stays a date-time, also for all-day
events, and the RRULE line is exactly rule_to_rrule's value. (Before the ticket Event has no
all_day field; the event is then built without it.)"""

import dataclasses
from datetime import datetime

from schedule.ical import Event, event_lines, export_calendar, rule_to_rrule
from schedule.recurrence import Frequency, RecurrenceRule
from schedule.slots import TimeSlot

STAMP = datetime(2024, 1, 1, 0, 0)


def all_day_event(uid: str, slot: TimeSlot, rule: RecurrenceRule) -> Event:
    if "all_day" in {f.name for f in dataclasses.fields(Event)}:
        return Event(uid, "Standup", slot, rule=rule, all_day=True)  # type: ignore[call-arg]
    return Event(uid, "Standup", slot, rule=rule)


def test_all_day_rrule_keeps_until_as_date_time():
    slot = TimeSlot(datetime(2024, 3, 4), datetime(2024, 3, 5))
    rule = RecurrenceRule(Frequency.WEEKLY, datetime(2024, 3, 4), interval=2,
                          until=datetime(2024, 4, 29, 23, 30))
    event = all_day_event("w1", slot, rule)
    rrules = [line for line in event_lines(event, STAMP) if line.startswith("RRULE")]
    assert rrules == ["RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20240429T233000"]
    assert rrules == [f"RRULE:{rule_to_rrule(rule)}"]
    assert "RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20240429T233000\r\n" in export_calendar([event], STAMP)
