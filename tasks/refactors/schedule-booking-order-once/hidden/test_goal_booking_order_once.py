"""Goal checks: read the code as text (never import it). Inside BookingBook the ordering is
written once (one sort, one (start, id) key) and the overlap test appears once."""

import ast
from pathlib import Path

ROOT = Path.cwd()


def booking_book():
    tree = ast.parse((ROOT / "schedule" / "slots.py").read_text(encoding="utf-8"))
    for n in tree.body:
        if isinstance(n, ast.ClassDef) and n.name == "BookingBook":
            return n
    raise AssertionError("schedule/slots.py defines no BookingBook")


def is_slot_start(node):
    return (isinstance(node, ast.Attribute) and node.attr == "start"
            and isinstance(node.value, ast.Attribute) and node.value.attr == "slot")


def order_keys(tree):
    """(x.slot.start, x.id) tuples and attrgetter("slot.start", "id") calls."""
    out = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Tuple) and len(n.elts) == 2 and is_slot_start(n.elts[0]) \
                and isinstance(n.elts[1], ast.Attribute) and n.elts[1].attr == "id":
            out.append(n)
        elif isinstance(n, ast.Call) and getattr(n.func, "id", getattr(n.func, "attr", "")) == "attrgetter" \
                and [getattr(a, "value", None) for a in n.args] == ["slot.start", "id"]:
            out.append(n)
    return out


def sorts(tree):
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call)
            and ((isinstance(n.func, ast.Name) and n.func.id == "sorted")
                 or (isinstance(n.func, ast.Attribute) and n.func.attr == "sort"))]


def test_the_book_sorts_in_one_place():
    found = sorts(booking_book())
    assert len(found) <= 1, f"BookingBook sorts in {len(found)} places"


def test_the_order_key_is_written_once():
    found = order_keys(booking_book())
    assert len(found) <= 1, f"the (start, id) key is written {len(found)} times"


def test_the_overlap_test_is_written_once():
    uses = [n for n in ast.walk(booking_book()) if isinstance(n, ast.Attribute) and n.attr == "overlaps"]
    assert len(uses) <= 1, f"BookingBook uses overlaps in {len(uses)} places"
