"""Goal checks: read the code as text (never import it). BookingBook takes a `conflict`
argument with a default, and neither add nor conflicts_with hard-codes the overlap test."""

import ast
from pathlib import Path

ROOT = Path.cwd()


def booking_book():
    tree = ast.parse((ROOT / "schedule" / "slots.py").read_text(encoding="utf-8"))
    for n in tree.body:
        if isinstance(n, ast.ClassDef) and n.name == "BookingBook":
            return n
    raise AssertionError("schedule/slots.py defines no BookingBook")


def method(cls, name):
    for n in cls.body:
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name:
            return n
    raise AssertionError(f"BookingBook has no {name}")


def test_init_takes_an_optional_conflict_argument():
    init = method(booking_book(), "__init__")
    args = init.args
    positional = args.posonlyargs + args.args
    defaults = dict(zip([a.arg for a in positional][len(positional) - len(args.defaults):],
                        args.defaults))
    kw_defaults = {a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None}
    names = [a.arg for a in args.args] + [a.arg for a in args.kwonlyargs]
    assert "conflict" in names, "BookingBook.__init__ has no `conflict` parameter"
    assert "conflict" in defaults or "conflict" in kw_defaults, "`conflict` has no default"


def test_add_and_conflicts_with_do_not_hard_code_the_overlap_test():
    cls = booking_book()
    for name in ("add", "conflicts_with"):
        fn = method(cls, name)
        uses = [n for n in ast.walk(fn) if isinstance(n, ast.Attribute) and n.attr == "overlaps"]
        assert not uses, f"BookingBook.{name} still calls overlaps itself"
