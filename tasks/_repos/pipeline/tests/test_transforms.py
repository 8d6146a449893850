import pytest

from pipeline.transforms import chain, dedupe, derive, filter_rows, rename, select

ROWS = [
    {"id": 1, "city": "Oslo", "temp": 3},
    {"id": 2, "city": "Rome", "temp": 18},
    {"id": 1, "city": "Oslo", "temp": 4},
]


def test_rename_keeps_order_and_other_fields():
    out = list(rename({"temp": "celsius"})(ROWS))
    assert out[0] == {"id": 1, "city": "Oslo", "celsius": 3}
    assert list(out[0]) == ["id", "city", "celsius"]
    assert "temp" in ROWS[0]


def test_rename_rejects_colliding_targets():
    with pytest.raises(ValueError, match="same name"):
        rename({"a": "x", "b": "x"})


def test_select_orders_and_fills_missing():
    out = list(select(["temp", "missing", "id"])(ROWS[:1]))
    assert out == [{"temp": 3, "missing": None, "id": 1}]
    assert list(out[0]) == ["temp", "missing", "id"]


def test_filter_rows():
    out = list(filter_rows(lambda r: r["temp"] > 5)(ROWS))
    assert out == [ROWS[1]]


def test_derive_adds_field_without_mutating_input():
    out = list(derive("hot", lambda r: r["temp"] > 10)(ROWS))
    assert [r["hot"] for r in out] == [False, True, False]
    assert "hot" not in ROWS[0]


def test_dedupe_keeps_first_occurrence():
    out = list(dedupe(["id", "city"])(ROWS))
    assert out == [ROWS[0], ROWS[1]]


def test_dedupe_missing_key_counts_as_none():
    rows = [{"a": 1}, {"a": 1, "b": None}, {"a": 1, "b": 2}]
    assert list(dedupe(["a", "b"])(rows)) == [rows[0], rows[2]]


def test_chain_applies_steps_in_order():
    step = chain(filter_rows(lambda r: r["city"] == "Oslo"), derive("f", lambda r: r["temp"] * 9 / 5 + 32))
    assert [r["f"] for r in step(ROWS)] == [37.4, 39.2]
