import pytest

from pipeline.aggregate import Agg, aggregate, group_by

ORDERS = [
    {"region": "north", "customer": "ann", "sku": "a"},
    {"region": "north", "customer": "bob", "sku": "a"},
    {"region": "north", "customer": "ann", "sku": "b"},
    {"region": "south", "customer": None, "sku": "c"},
    {"region": "south", "sku": "c"},
    {"region": "east", "customer": None, "sku": "a"},
]


def test_counts_distinct_values_per_group():
    out = group_by(ORDERS, ["region"], {"customers": Agg("count_distinct", "customer")})
    by_region = {row["region"]: row["customers"] for row in out}
    assert by_region["north"] == 2


def test_none_and_missing_values_are_ignored():
    out = group_by(ORDERS, ["region"], {"customers": Agg("count_distinct", "customer")})
    by_region = {row["region"]: row["customers"] for row in out}
    assert by_region["south"] == 0
    assert by_region["east"] == 0


def test_mixed_none_and_values():
    rows = [{"k": 1, "v": None}, {"k": 1, "v": "x"}, {"k": 1, "v": "x"}, {"k": 1, "v": "y"}]
    assert group_by(rows, ["k"], {"n": Agg("count_distinct", "v")}) == [{"k": 1, "n": 2}]


def test_alongside_other_aggregations_and_as_step():
    step = aggregate(
        [], {"rows": Agg("count"), "skus": Agg("count_distinct", "sku"), "customers": Agg("count_distinct", "customer")}
    )
    assert list(step(ORDERS)) == [{"rows": 6, "skus": 3, "customers": 2}]


def test_needs_a_field():
    with pytest.raises(ValueError, match="aggregation 'count_distinct' needs a field"):
        Agg("count_distinct")
