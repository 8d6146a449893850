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


def _distinct(values):
    rows = [{"k": "g", "v": value} for value in values]
    [row] = group_by(rows, ["k"], {"n": Agg("count_distinct", "v")})
    return row["n"]


# Ticket: "returns the number of distinct values in `values`, ignoring `None`" -- only None is
# ignored, so falsy values such as 0, "", False and 0.0 are values like any other.
@pytest.mark.parametrize("value", [0, "", False, 0.0])
def test_falsy_values_are_counted(value):
    assert _distinct([value, None, value]) == 1
    assert _distinct([value, "x", None]) == 2


def test_zero_and_empty_string_are_two_distinct_values():
    # Ticket: "the number of distinct values in `values`, ignoring `None`"
    assert _distinct([0, "", None, 0, ""]) == 2


def test_equal_values_count_once():
    # Ticket: "the number of distinct values in `values`" -- equal values (even separate
    # objects, and 2 == 2.0) are one value; "Values are assumed to be hashable".
    ann = "".join(["a", "nn"])
    assert _distinct(["ann", ann, ("x", 1), ("x", int("1")), 2, 2.0, None]) == 3


def test_values_of_different_types_are_distinct_and_need_not_be_orderable():
    # Ticket: "the number of distinct values in `values`, ignoring `None`" ... "Values are
    # assumed to be hashable" (not orderable): 1, "1" and (1,) are three different values.
    assert _distinct([1, "1", (1,), None, "1", 1]) == 3
