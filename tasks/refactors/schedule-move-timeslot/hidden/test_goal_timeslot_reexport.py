"""Goal test (imports the code): every module gets the one class of the new module. Imports
happen inside the test, so the untouched repo collects."""

import importlib


def test_every_module_shares_the_class_of_the_new_module():
    timeslot = importlib.import_module("schedule.timeslot")
    assert timeslot.TimeSlot.__module__ == "schedule.timeslot"
    for name in ("schedule.slots", "schedule.workhours", "schedule.ical"):
        assert importlib.import_module(name).TimeSlot is timeslot.TimeSlot, name
