"""How group_by, aggregate and dedupe key records: behaviour that must not change when the
key rule is written once. Only names public before and after."""

import pytest

from pipeline.aggregate import Agg, aggregate, group_by
from pipeline.transforms import dedupe

COUNT = {"n": Agg("count")}


def test_a_missing_field_counts_as_none():
    rows = [{"a": 1}, {"a": 1, "b": None}, {"a": 1, "b": 2}]
    assert dedupe(["a", "b"])(rows) == [rows[0], rows[2]]
    assert group_by(rows[:2], ["a", "b"], COUNT) == [{"a": 1, "b": None, "n": 2}]
    assert group_by([{"x": 1}, {"x": 2}], ["a"], COUNT) == [{"a": None, "n": 2}]


def test_key_order_follows_the_keys_given():
    rows = [{"a": 2, "b": "x"}, {"a": 1, "b": "y"}, {"a": 3, "b": "x"}]
    assert [(r["a"], r["b"]) for r in group_by(rows, ["a", "b"], COUNT)] == [(1, "y"), (2, "x"), (3, "x")]
    assert [(r["b"], r["a"]) for r in group_by(rows, ["b", "a"], COUNT)] == [("x", 2), ("x", 3), ("y", 1)]
    assert list(group_by(rows, ["b", "a"], COUNT)[0]) == ["b", "a", "n"]


def test_keys_may_be_any_iterable_of_names_and_are_read_once():
    rows = [{"k": "a", "v": 1}, {"k": "b", "v": 2}, {"k": "a", "v": 3}]
    assert dedupe(iter(["k"]))(rows) == [rows[0], rows[1]]
    step = dedupe(name for name in ["k"])
    assert step(rows) == [rows[0], rows[1]]
    assert step(rows) == [rows[0], rows[1]]
    assert dedupe(("k", "v"))(rows) == rows
    assert group_by(rows, iter(["k"]), COUNT) == [{"k": "a", "n": 2}, {"k": "b", "n": 1}]
    step = aggregate(iter(["k"]), COUNT)
    assert list(step(rows)) == list(step(rows)) == [{"k": "a", "n": 2}, {"k": "b", "n": 1}]


def test_a_plain_string_is_still_split_into_field_names():
    rows = [{"a": 1, "b": 2, "ab": 1}, {"a": 1, "b": 2, "ab": 2}, {"a": 1, "b": 3, "ab": 1}]
    assert dedupe("ab")(rows) == dedupe(["a", "b"])(rows) == [rows[0], rows[2]]
    assert group_by(rows, "ab", COUNT) == [{"a": 1, "b": 2, "n": 2}, {"a": 1, "b": 3, "n": 1}]


def test_no_keys():
    rows = [{"a": 1}, {"a": 2}]
    assert dedupe([])(rows) == [rows[0]]
    assert dedupe([])([]) == []
    assert group_by(rows, [], COUNT) == [{"n": 2}]
    assert group_by([], [], COUNT) == []


def test_equal_values_share_a_key_and_the_first_wins():
    rows = [{"a": 1, "i": 0}, {"a": 1.0, "i": 1}, {"a": True, "i": 2}, {"a": 2, "i": 3}]
    assert dedupe(["a"])(rows) == [rows[0], rows[3]]
    out = group_by(rows, ["a"], {"n": Agg("count"), "last": Agg("max", "i")})
    assert out == [{"a": 1, "n": 3, "last": 2}, {"a": 2, "n": 1, "last": 3}]
    assert type(out[0]["a"]) is int


def test_unhashable_values_raise():
    rows = [{"tags": ["x"]}]
    with pytest.raises(TypeError):
        dedupe(["tags"])(rows)
    with pytest.raises(TypeError):
        group_by(rows, ["tags"], COUNT)


def test_none_and_values_do_not_sort_together():
    with pytest.raises(TypeError):
        group_by([{"a": "x"}, {}], ["a"], COUNT)


def test_dedupe_returns_a_new_list_of_the_same_records():
    rows = [{"a": 1}, {"a": 1}]
    out = dedupe(["a"])(iter(rows))
    assert type(out) is list and out[0] is rows[0]
    assert rows == [{"a": 1}, {"a": 1}]
