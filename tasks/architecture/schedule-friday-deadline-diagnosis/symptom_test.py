"""The reported failure: SLA deadlines and working-time reports skip Fridays."""

from datetime import datetime, time

from schedule.workhours import WorkingHours, add_working_minutes, working_minutes_between

HOURS = WorkingHours(opens=time(9), closes=time(17))


def test_thursday_ticket_is_due_on_friday():
    assert add_working_minutes(datetime(2024, 5, 16, 16), 120, HOURS) == datetime(2024, 5, 17, 10)


def test_a_full_week_has_five_working_days():
    assert working_minutes_between(datetime(2024, 5, 13, 9), datetime(2024, 5, 18), HOURS) == 2400
