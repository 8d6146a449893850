"""Guard: the coercers keep their known quirks (the TODOs in _coerce_float and _coerce_int are
separate tickets), also as seen through Schema.validate, and NaN/infinity are real values for
the aggregations, not nulls."""

import math

from pipeline.aggregate import Agg, group_by
from pipeline.schema import Field, Schema


def test_validate_still_accepts_nan_inf_and_digit_separators():
    schema = Schema([Field("x", "float", nullable=True), Field("n", "int", nullable=True)])
    assert math.isnan(schema.validate({"x": "nan", "n": "1"})["x"])
    assert schema.validate({"x": "inf", "n": "1"})["x"] == math.inf
    assert schema.validate({"x": " -Infinity ", "n": "1"})["x"] == -math.inf
    assert schema.validate({"x": float("nan"), "n": 2})["n"] == 2
    assert schema.validate({"x": "1.5", "n": "1_000"}) == {"x": 1.5, "n": 1000}


def test_nan_and_infinity_are_aggregated_as_values():
    rows = [{"k": 1, "v": float("nan")}, {"k": 1, "v": 2.0}, {"k": 2, "v": math.inf}, {"k": 2, "v": 1.0}]
    out = group_by(rows, ["k"], {"n": Agg("count", "v"), "total": Agg("sum", "v"), "top": Agg("max", "v")})
    assert [row["n"] for row in out] == [2, 2]
    assert math.isnan(out[0]["total"])
    assert out[1]["total"] == math.inf and out[1]["top"] == math.inf
