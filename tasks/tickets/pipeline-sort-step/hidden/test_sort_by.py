import pytest

from pipeline import transforms

ROWS = [
    {"id": 1, "city": "Rome", "temp": 18},
    {"id": 2, "city": "Oslo", "temp": None},
    {"id": 3, "city": "Lima", "temp": 18},
    {"id": 4, "city": "Oslo"},
    {"id": 5, "city": "Cairo", "temp": 25},
    {"id": 6, "city": "Lima", "temp": 3},
]


def ids(records):
    return [record["id"] for record in records]


def test_ascending_is_stable_with_missing_last():
    assert ids(transforms.sort_by(["temp"])(ROWS)) == [6, 1, 3, 5, 2, 4]


def test_descending_keeps_missing_last_and_is_stable():
    assert ids(transforms.sort_by(["temp"], reverse=True)(ROWS)) == [5, 1, 3, 6, 2, 4]


def test_multiple_keys():
    assert ids(transforms.sort_by(["city", "temp"])(ROWS)) == [5, 6, 3, 2, 4, 1]
    assert ids(transforms.sort_by(["city", "temp"], reverse=True)(ROWS)) == [1, 2, 4, 3, 6, 5]


def test_none_in_first_key_sorts_last_then_by_second_key():
    rows = [{"a": None, "b": 2, "id": 1}, {"a": 1, "b": 5, "id": 2}, {"a": None, "b": 1, "id": 3}, {"b": 0, "id": 4}]
    assert ids(transforms.sort_by(["a", "b"])(rows)) == [2, 4, 3, 1]
    assert ids(transforms.sort_by(["a", "b"], reverse=True)(rows)) == [2, 1, 3, 4]


def test_accepts_any_iterable_and_does_not_mutate():
    snapshot = [dict(row) for row in ROWS]
    out = list(transforms.sort_by(["id"], reverse=True)(iter(ROWS)))
    assert ids(out) == [6, 5, 4, 3, 2, 1]
    assert ROWS == snapshot


def test_bad_keys():
    with pytest.raises(TypeError, match="keys must be a sequence of field names, not a str"):
        transforms.sort_by("temp")
    with pytest.raises(ValueError, match="sort_by needs at least one key"):
        transforms.sort_by([])
