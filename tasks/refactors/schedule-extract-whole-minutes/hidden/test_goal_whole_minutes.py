"""Goal checks: read the code as text (never import it). whole_minutes is defined in dates.py
and the three former hand-written conversions call it; none is left in slots.py or
workhours.py."""

import ast
from pathlib import Path

ROOT = Path.cwd()


def tree(rel):
    path = ROOT / rel
    assert path.is_file(), f"{rel} does not exist"
    return ast.parse(path.read_text(encoding="utf-8"))


def find(module, dotted):
    body, node = module.body, None
    for part in dotted.split("."):
        node = next((n for n in body if isinstance(n, (ast.FunctionDef, ast.ClassDef))
                     and n.name == part), None)
        assert node is not None, f"{dotted} not found"
        body = node.body
    return node


def calls(node, name):
    return [n for n in ast.walk(node) if isinstance(n, ast.Call)
            and ((isinstance(n.func, ast.Name) and n.func.id == name)
                 or (isinstance(n.func, ast.Attribute) and n.func.attr == name))]


def test_dates_defines_whole_minutes():
    fn = find(tree("schedule/dates.py"), "whole_minutes")
    assert [a.arg for a in fn.args.args] == ["delta"]


def test_the_three_conversions_call_it():
    assert calls(find(tree("schedule/slots.py"), "TimeSlot.minutes"), "whole_minutes")
    workhours = tree("schedule/workhours.py")
    assert calls(find(workhours, "WorkingHours.daily_minutes"), "whole_minutes")
    assert calls(find(workhours, "add_working_minutes"), "whole_minutes")


def test_no_hand_written_conversion_is_left():
    for rel in ("schedule/slots.py", "schedule/workhours.py"):
        module = tree(rel)
        assert not calls(module, "total_seconds"), f"{rel} still converts by hand"
        assert "// 60" not in (ROOT / rel).read_text(encoding="utf-8"), rel
