import pytest

from pipeline.runner import Pipeline, StepError
from pipeline.schema import Field, Schema, ValidationError

SCHEMA = Schema(
    [Field("id", "int"), Field("name"), Field("price", "float"), Field("note", required=False)],
    extra="forbid",
)


def test_all_problems_are_reported_in_order():
    with pytest.raises(ValidationError) as info:
        SCHEMA.validate({"colour": "red", "id": "x", "price": None, "size": 3})
    error = info.value
    assert error.problems == [
        ("id", "expected int, got 'x'"),
        ("name", "is required"),
        ("price", "must not be null"),
        ("colour", "unexpected field"),
        ("size", "unexpected field"),
    ]
    assert error.field == "id"
    assert error.message == "expected int, got 'x'"
    assert str(error) == (
        "id: expected int, got 'x'; name: is required; price: must not be null; "
        "colour: unexpected field; size: unexpected field"
    )


def test_single_problem_is_unchanged():
    with pytest.raises(ValidationError) as info:
        SCHEMA.validate({"id": "1", "price": "2"})
    assert info.value.problems == [("name", "is required")]
    assert str(info.value) == "name: is required"
    direct = ValidationError("qty", "is required")
    assert direct.problems == [("qty", "is required")]
    assert (direct.field, direct.message, str(direct)) == ("qty", "is required", "qty: is required")


def test_unexpected_field_alone_and_valid_records():
    with pytest.raises(ValidationError) as info:
        SCHEMA.validate({"id": 1, "name": "n", "price": 1, "x": 0})
    assert info.value.problems == [("x", "unexpected field")]
    assert SCHEMA.validate({"id": 1, "name": "n", "price": 1}) == {"id": 1, "name": "n", "price": 1.0, "note": None}
    keep = Schema(SCHEMA.fields, extra="keep")
    assert keep.validate({"x": 0, "id": 1, "name": "n", "price": 1}) == {
        "id": 1, "name": "n", "price": 1.0, "note": None, "x": 0
    }


RAW = [
    {"id": "1", "name": "a", "price": "1.5"},
    {"id": "x", "name": "b", "price": "oops"},
    {"id": "3", "name": "c", "price": "2"},
    {"id": "4", "price": "2"},
    {"id": "5", "name": "e", "price": "3"},
]


def test_one_step_error_per_problem_with_field():
    result = Pipeline().validate(SCHEMA, on_error="skip").run(RAW)
    assert [r["id"] for r in result.records] == [1, 3, 5]
    assert result.errors == [
        StepError("validate", 1, "id: expected int, got 'x'", "id"),
        StepError("validate", 1, "price: expected float, got 'oops'", "price"),
        StepError("validate", 3, "name: is required", "name"),
    ]
    assert result.errors[0].field == "id"


def test_step_stats_count_rejected_records_per_stage():
    def check_price(record):
        if record["price"] > 2.5:
            raise ValidationError("price", "too expensive")
        return record

    result = (
        Pipeline()
        .validate(SCHEMA, on_error="skip")
        .map("cheap", check_price, on_error="skip")
        .run(RAW)
    )
    stats = [(s.name, s.records_in, s.records_out, s.errors) for s in result.stats]
    assert stats == [("validate", 5, 3, 2), ("cheap", 3, 2, 1)]
    assert result.errors[-1] == StepError("cheap", 2, "price: too expensive", "price")
    assert len(result.errors) == 4


def test_step_error_field_defaults_to_none_and_raise_mode_keeps_problems():
    assert StepError("s", 0, "boom").field is None
    with pytest.raises(ValidationError) as info:
        Pipeline().validate(SCHEMA).run(RAW)
    assert [field for field, _ in info.value.problems] == ["id", "price"]


def test_skip_mode_collects_only_validation_errors():
    def ratio(record):
        if "b" not in record:
            raise ValidationError("b", "is required")
        return {**record, "ratio": record["a"] / record["b"]}

    result = Pipeline().map("ratio", ratio, on_error="skip").run([{"a": 1, "b": 2}, {"a": 3}])
    assert [r["ratio"] for r in result.records] == [0.5]
    assert result.errors == [StepError("ratio", 1, "b: is required", "b")]
    assert result.stats[0].errors == 1
    # exceptions other than ValidationError are not caught, as today
    with pytest.raises(ZeroDivisionError):
        Pipeline().map("ratio", ratio, on_error="skip").run([{"a": 1, "b": 2}, {"a": 1, "b": 0}])
    with pytest.raises(KeyError):
        Pipeline().map("ratio", ratio, on_error="skip").run([{"a": 1, "b": 2}, {"b": 1}])
    with pytest.raises(ZeroDivisionError):
        Pipeline().map("ratio", ratio).run([{"a": 1, "b": 0}])
