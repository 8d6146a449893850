"""Goal checks: read the code as text (never import it). TimeSlot is defined once, in
schedule/timeslot.py; slots.py re-exports it; workhours.py and ical.py import it from the new
module."""

import ast
from pathlib import Path

ROOT = Path.cwd()


def tree(rel):
    path = ROOT / rel
    assert path.is_file(), f"{rel} does not exist"
    return ast.parse(path.read_text(encoding="utf-8"))


def defines_class(module, name):
    return any(isinstance(n, ast.ClassDef) and n.name == name for n in module.body)


def imports_from(module, name, here="schedule"):
    """The modules `name` is imported from at the top level of a module."""
    out = set()
    for n in module.body:
        if isinstance(n, ast.ImportFrom) and any(a.name == name and a.asname in (None, name)
                                                  for a in n.names):
            mod = n.module or ""
            out.add(f"{here}.{mod}" if n.level == 1 else mod)
    return out


def test_timeslot_lives_in_the_new_module():
    assert defines_class(tree("schedule/timeslot.py"), "TimeSlot")


def test_slots_no_longer_defines_it_but_re_exports_it():
    slots = tree("schedule/slots.py")
    assert not defines_class(slots, "TimeSlot")
    assert imports_from(slots, "TimeSlot") == {"schedule.timeslot"}
    assert defines_class(slots, "BookingBook") and defines_class(slots, "Booking")


def test_workhours_and_ical_import_it_from_the_new_module():
    for rel in ("schedule/workhours.py", "schedule/ical.py"):
        assert imports_from(tree(rel), "TimeSlot") == {"schedule.timeslot"}, rel


def test_no_other_copy_of_the_class():
    for path in (ROOT / "schedule").glob("*.py"):
        if path.name == "timeslot.py":
            continue
        assert not any(isinstance(n, ast.ClassDef) and n.name == "TimeSlot"
                       for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))), path.name
