import pytest

from pipeline.aggregate import Agg, aggregate, group_by

SALES = [
    {"region": "north", "product": "a", "units": 3, "price": 2.0},
    {"region": "south", "product": "a", "units": 1, "price": 2.5},
    {"region": "north", "product": "b", "units": 5, "price": 1.0},
    {"region": "north", "product": "a", "units": 2, "price": 3.0},
]


def test_group_by_single_key():
    out = group_by(SALES, ["region"], {"n": Agg("count"), "units": Agg("sum", "units")})
    assert out == [
        {"region": "north", "n": 3, "units": 10},
        {"region": "south", "n": 1, "units": 1},
    ]


def test_group_by_multiple_keys_sorted():
    out = group_by(SALES, ["product", "region"], {"units": Agg("sum", "units")})
    assert [(r["product"], r["region"]) for r in out] == [("a", "north"), ("a", "south"), ("b", "north")]


def test_mean_min_max():
    out = group_by(
        SALES,
        ["region"],
        {"avg": Agg("mean", "price"), "lo": Agg("min", "units"), "hi": Agg("max", "units")},
    )
    assert out[0] == {"region": "north", "avg": 2.0, "lo": 2, "hi": 5}


def test_group_by_no_keys_is_one_group():
    assert group_by(SALES, [], {"units": Agg("sum", "units")}) == [{"units": 11}]


def test_agg_validation():
    with pytest.raises(ValueError, match="unknown aggregation 'avg'"):
        Agg("avg", "x")
    with pytest.raises(ValueError, match="needs a field"):
        Agg("sum")


def test_name_clash_with_keys():
    with pytest.raises(ValueError, match="clash"):
        group_by(SALES, ["region"], {"region": Agg("count")})


def test_aggregate_step():
    step = aggregate(["product"], {"n": Agg("count")})
    assert list(step(SALES)) == [{"product": "a", "n": 3}, {"product": "b", "n": 1}]
