import io
import math

import pytest

from pipeline.aggregate import Agg, aggregate, group_by
from pipeline.records import read_csv
from pipeline.runner import Pipeline
from pipeline.schema import Field, Schema, ValidationError

SCHEMA = Schema(
    [
        Field("id", "int"),
        Field("qty", "int", nullable=True),
        Field("price", "float", nullable=True),
        Field("active", "bool", nullable=True, required=False),
        Field("label", "str", nullable=True, required=False),
    ]
)


def test_blank_strings_become_null_for_non_str_fields():
    out = SCHEMA.validate({"id": "1", "qty": "", "price": "   ", "active": "\t", "label": "x"})
    assert out == {"id": 1, "qty": None, "price": None, "active": None, "label": "x"}


def test_blank_strings_stay_for_str_fields():
    out = SCHEMA.validate({"id": "1", "qty": "2", "price": "1.5", "label": ""})
    assert out["label"] == ""
    assert SCHEMA.validate({"id": "1", "qty": "2", "price": "1.5", "label": "  "})["label"] == "  "


def test_blank_for_non_nullable_field_is_a_null_error():
    with pytest.raises(ValidationError) as info:
        SCHEMA.validate({"id": " ", "qty": "1", "price": "1"})
    assert info.value.field == "id"
    assert info.value.message == "must not be null"


def test_non_blank_bad_values_still_rejected():
    with pytest.raises(ValidationError) as info:
        SCHEMA.validate({"id": "1", "qty": " x ", "price": "1"})
    assert info.value.message == "expected int, got ' x '"


ROWS = [
    {"g": "a", "v": 4},
    {"g": "a", "v": None},
    {"g": "a", "v": 2},
    {"g": "a"},
    {"g": "b", "v": None},
    {"g": "b"},
]
ALL = {
    "sum": Agg("sum", "v"),
    "mean": Agg("mean", "v"),
    "min": Agg("min", "v"),
    "max": Agg("max", "v"),
    "count": Agg("count", "v"),
    "rows": Agg("count"),
}


def test_aggregations_skip_none_values():
    out = group_by(ROWS, ["g"], ALL)
    assert out[0] == {"g": "a", "sum": 6, "mean": 3.0, "min": 2, "max": 4, "count": 2, "rows": 4}


def test_group_without_values_gives_none_and_zero_count():
    out = group_by(ROWS, ["g"], ALL)
    assert out[1] == {"g": "b", "sum": None, "mean": None, "min": None, "max": None, "count": 0, "rows": 2}


def test_zero_values_are_not_treated_as_null():
    rows = [{"g": 1, "v": 0}, {"g": 1, "v": None}, {"g": 1, "v": 0.0}]
    out = group_by(rows, ["g"], {"sum": Agg("sum", "v"), "n": Agg("count", "v"), "lo": Agg("min", "v")})
    assert out == [{"g": 1, "sum": 0, "n": 2, "lo": 0}]


def test_csv_blanks_flow_through_schema_into_aggregates():
    text = "id,qty,price\n1,2,10.0\n2,,\n3,4,\n4,,20.0\n"
    schema = Schema([Field("id", "int"), Field("qty", "int", nullable=True), Field("price", "float", nullable=True)])
    result = (
        Pipeline()
        .validate(schema)
        .add(
            "stats",
            aggregate(
                [],
                {"qty": Agg("sum", "qty"), "avg_price": Agg("mean", "price"), "priced": Agg("count", "price"), "n": Agg("count")},
            ),
        )
        .run(read_csv(io.StringIO(text)))
    )
    assert result.ok
    assert result.records == [{"qty": 6, "avg_price": 15.0, "priced": 2, "n": 4}]


def test_other_values_are_coerced_as_today():
    # only blank strings change; "nan", "inf" and digit separators are coerced as today
    schema = Schema([Field("x", "float", nullable=True), Field("n", "int", nullable=True)])
    out = schema.validate({"x": "nan", "n": ""})
    assert math.isnan(out["x"]) and out["n"] is None
    assert schema.validate({"x": "inf", "n": " "}) == {"x": math.inf, "n": None}
    assert schema.validate({"x": " -Infinity ", "n": "1"})["x"] == -math.inf
    assert schema.validate({"x": "", "n": "1_000"}) == {"x": None, "n": 1000}


def test_only_none_is_ignored_nan_and_infinity_are_values():
    rows = [
        {"k": 1, "v": float("nan")},
        {"k": 1, "v": None},
        {"k": 1, "v": 2.0},
        {"k": 2, "v": math.inf},
        {"k": 2},
        {"k": 2, "v": 1.0},
    ]
    out = group_by(rows, ["k"], {"n": Agg("count", "v"), "total": Agg("sum", "v"), "top": Agg("max", "v")})
    assert [row["n"] for row in out] == [2, 2]
    assert math.isnan(out[0]["total"])
    assert out[1]["total"] == math.inf and out[1]["top"] == math.inf
