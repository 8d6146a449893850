"""Behaviour of the aggregation class that must survive its rename. The class is looked up
under either name (it is `Agg` before the change and `Aggregation` after it); everything
else is public before and after."""

import dataclasses

import pytest

import pipeline.aggregate as aggregate_module
from pipeline.aggregate import aggregate, group_by

AggClass = getattr(aggregate_module, "Aggregation", None) or aggregate_module.Agg

ROWS = [
    {"city": "Oslo", "day": 1, "temp": 3},
    {"city": "Rome", "day": 1, "temp": 18},
    {"city": "Oslo", "day": 2, "temp": None},
    {"city": "Oslo", "day": 3, "temp": 5},
]


def test_constructed_positionally_and_by_keyword():
    assert AggClass("sum", "temp") == AggClass(func="sum", field="temp")
    assert AggClass("count") == AggClass(func="count") == AggClass("count", None)
    assert AggClass("count").field is None
    assert AggClass("max", "temp").func == "max"


def test_it_is_a_frozen_dataclass_with_the_same_fields():
    agg = AggClass("min", "temp")
    assert [f.name for f in dataclasses.fields(agg)] == ["func", "field"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        agg.func = "max"
    assert dataclasses.replace(agg, func="max") == AggClass("max", "temp")


def test_equal_aggregations_hash_alike():
    assert len({AggClass("sum", "x"), AggClass("sum", "x"), AggClass("sum", "y")}) == 2
    assert AggClass("sum", "x") != AggClass("mean", "x")


@pytest.mark.parametrize(("args", "message"), [
    (("avg", "x"), "unknown aggregation 'avg'"),
    (("Sum", "x"), "unknown aggregation 'Sum'"),
    (("", None), "unknown aggregation ''"),
    (("sum",), "aggregation 'sum' needs a field"),
    (("mean", None), "aggregation 'mean' needs a field"),
])
def test_validation_messages(args, message):
    with pytest.raises(ValueError) as info:
        AggClass(*args)
    assert str(info.value) == message


def test_apply():
    oslo = [r for r in ROWS if r["city"] == "Oslo"]
    assert AggClass("count").apply(oslo) == 3
    assert AggClass("count", "temp").apply(oslo) == 3
    assert AggClass("max", "day").apply(oslo) == 3
    with pytest.raises(TypeError):
        AggClass("sum", "temp").apply(oslo)  # None does not add up


def test_group_by_and_aggregate_take_it():
    aggs = {"n": AggClass("count"), "last": AggClass("max", "day")}
    want = [{"city": "Oslo", "n": 3, "last": 3}, {"city": "Rome", "n": 1, "last": 1}]
    assert group_by(ROWS, ["city"], aggs) == want
    assert list(aggregate(["city"], aggs)(ROWS)) == want
    with pytest.raises(ValueError, match=r"aggregate names clash with key fields: \['city'\]"):
        group_by(ROWS, ["city"], {"city": AggClass("count")})
