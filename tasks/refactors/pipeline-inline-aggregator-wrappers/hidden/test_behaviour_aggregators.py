"""Behaviour that must be the same before and after the wrappers are inlined, seen through the
public aggregation API (Agg, group_by, aggregate): what each aggregation returns, its type,
and the errors it raises."""

import pytest

from pipeline.aggregate import Agg, aggregate, group_by

ROWS = [
    {"k": "a", "n": 3, "x": 1.5, "s": "pear"},
    {"k": "b", "n": 10, "x": 0.25, "s": "fig"},
    {"k": "a", "n": 4, "x": 2.5, "s": "apple"},
    {"k": "a", "n": 5, "x": None, "s": "kiwi"},
]


def over(func, values):
    """`func` applied to `values`, through an Agg over records holding them."""
    return Agg(func, "v").apply([{"v": v} for v in values])


@pytest.mark.parametrize(("func", "values", "want"), [
    ("sum", [1, 2, 3], 6),
    ("sum", [], 0),
    ("sum", [0.1, 0.2], 0.1 + 0.2),
    ("sum", [True, True, 1], 3),
    ("count", [], 0),
    ("count", [None, None, 1], 3),
    ("min", [3, 1, 2], 1),
    ("max", [3, 1, 2], 3),
    ("min", ["pear", "apple"], "apple"),
    ("max", ["pear", "apple"], "pear"),
    ("max", [1, 1.0], 1),  # the first of equal values wins
    ("mean", [1, 2], 1.5),
])
def test_each_aggregation(func, values, want):
    got = over(func, values)
    assert got == want
    assert type(got) is type(want)


def test_sum_of_ints_stays_an_exact_int():
    got = over("sum", [10**20, 1, -3])
    assert got == 10**20 - 2
    assert type(got) is int


def test_sum_of_floats_adds_left_to_right():
    assert over("sum", [1e16, 1.0, -1e16]) == 0.0


def test_mean_is_always_a_float():
    got = over("mean", [2, 2])
    assert got == 2.0 and type(got) is float


def test_errors_of_the_builtins_are_kept():
    with pytest.raises(ValueError):
        over("min", [])
    with pytest.raises(ValueError):
        over("max", [])
    with pytest.raises(ZeroDivisionError):
        over("mean", [])
    with pytest.raises(TypeError):
        over("sum", ["a", "b"])
    with pytest.raises(TypeError):
        Agg("min", "x").apply(ROWS)  # None cannot be compared with a float


def test_count_with_and_without_a_field():
    assert Agg("count").apply(ROWS) == 4
    assert Agg("count").apply([]) == 0
    assert Agg("count", "x").apply(ROWS) == 4        # None values are counted
    assert Agg("count", "missing").apply(ROWS) == 4  # so are missing fields


def test_group_by_with_every_aggregation():
    out = group_by(ROWS[:3], ["k"], {
        "total": Agg("sum", "n"), "avg": Agg("mean", "n"), "rows": Agg("count"),
        "lo": Agg("min", "s"), "hi": Agg("max", "x"),
    })
    assert out == [
        {"k": "a", "total": 7, "avg": 3.5, "rows": 2, "lo": "apple", "hi": 2.5},
        {"k": "b", "total": 10, "avg": 10.0, "rows": 1, "lo": "fig", "hi": 0.25},
    ]
    assert list(out[0]) == ["k", "total", "avg", "rows", "lo", "hi"]
    assert type(out[0]["total"]) is int and type(out[1]["avg"]) is float


def test_aggregate_step_uses_the_same_aggregations():
    step = aggregate(["k"], {"n": Agg("sum", "n"), "c": Agg("count")})
    assert list(step(ROWS)) == [{"k": "a", "n": 12, "c": 3}, {"k": "b", "n": 10, "c": 1}]


def test_validation_of_names_is_unchanged():
    for func in ("sum", "mean", "count", "min", "max"):
        Agg(func, "n")
    with pytest.raises(ValueError, match=r"^unknown aggregation 'median'$"):
        Agg("median", "n")
    with pytest.raises(ValueError, match=r"^unknown aggregation 'len'$"):
        Agg("len", "n")
    with pytest.raises(ValueError, match=r"^aggregation 'sum' needs a field$"):
        Agg("sum")
