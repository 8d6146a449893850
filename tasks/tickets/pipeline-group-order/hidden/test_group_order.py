import pytest

from pipeline.aggregate import Agg, aggregate, group_by

SALES = [
    {"region": "west", "product": "b", "units": 1},
    {"region": None, "product": "a", "units": 2},
    {"region": "east", "product": "b", "units": 3},
    {"region": "west", "product": "a", "units": 4},
    {"product": "c", "units": 5},
    {"region": "east", "product": None, "units": 6},
]
UNITS = {"units": Agg("sum", "units")}


def test_key_order_puts_none_last():
    out = group_by(SALES, ["region"], UNITS)
    assert out == [
        {"region": "east", "units": 9},
        {"region": "west", "units": 5},
        {"region": None, "units": 7},
    ]


def test_key_order_none_last_per_key_position():
    out = group_by(SALES, ["region", "product"], UNITS)
    assert [(r["region"], r["product"]) for r in out] == [
        ("east", "b"),
        ("east", None),
        ("west", "a"),
        ("west", "b"),
        (None, "a"),
        (None, "c"),
    ]


def test_key_order_with_numbers_and_none():
    rows = [{"k": 10}, {"k": None}, {"k": 2}, {"k": 2.5}]
    out = group_by(rows, ["k"], {"n": Agg("count")}, order="key")
    assert [r["k"] for r in out] == [2, 2.5, 10, None]


def test_first_appearance_order():
    out = group_by(SALES, ["region"], UNITS, order="first")
    assert [r["region"] for r in out] == ["west", None, "east"]
    out = group_by(SALES, ["product", "region"], {"n": Agg("count")}, order="first")
    assert [(r["product"], r["region"]) for r in out] == [
        ("b", "west"),
        ("a", None),
        ("b", "east"),
        ("a", "west"),
        ("c", None),
        (None, "east"),
    ]


def test_aggregate_step_passes_order_through():
    step = aggregate(["product"], {"n": Agg("count")}, order="first")
    assert [r["product"] for r in step(SALES)] == ["b", "a", "c", None]
    default = aggregate(["product"], {"n": Agg("count")})
    assert [r["product"] for r in default(SALES)] == ["a", "b", "c", None]


def test_unknown_order_is_rejected():
    with pytest.raises(ValueError, match="order must be 'key' or 'first', got 'sorted'"):
        group_by([], ["region"], UNITS, order="sorted")
    with pytest.raises(ValueError, match="order must be 'key' or 'first', got 'last'"):
        aggregate(["region"], UNITS, order="last")
