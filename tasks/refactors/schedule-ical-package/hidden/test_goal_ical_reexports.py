"""Goal test (imports the code): schedule.ical is a package, every old name is importable from
it and is the object its own module defines, and the two responsibilities live in different
modules. Imports happen inside the test, so the untouched repo collects."""

import importlib

NAMES = ("CRLF", "LINE_LIMIT", "Event", "escape_text", "event_lines", "export_calendar",
         "fold_line", "format_date", "format_datetime", "rule_to_rrule")


def test_the_package_re_exports_the_objects_of_its_modules():
    ical = importlib.import_module("schedule.ical")
    assert hasattr(ical, "__path__"), "schedule.ical is not a package"
    for name in NAMES:
        assert hasattr(ical, name), name
    for name in ("Event", "escape_text", "event_lines", "export_calendar", "fold_line",
                 "format_date", "format_datetime", "rule_to_rrule"):
        obj = getattr(ical, name)
        home = importlib.import_module(obj.__module__)
        assert getattr(home, name) is obj, name
    assert ical.fold_line.__module__ != ical.export_calendar.__module__
    assert ical.escape_text.__module__ != ical.Event.__module__
