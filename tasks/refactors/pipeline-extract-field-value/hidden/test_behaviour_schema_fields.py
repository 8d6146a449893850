"""Behaviour of Schema.validate that must not change when its per-field part is extracted:
missing vs. null vs. present values, defaults, coercion and its errors, which field is
reported first, and the extra-key modes. Only names public before and after."""

import pytest

from pipeline.schema import Field, Schema, ValidationError


def check(field, record):
    return Schema([field]).validate(record)


def error(field, record):
    with pytest.raises(ValidationError) as info:
        check(field, record)
    return info.value


def test_missing_required_field():
    e = error(Field("id", "int"), {})
    assert (e.field, e.message, str(e)) == ("id", "is required", "id: is required")


def test_missing_required_nullable_field_is_still_required():
    assert error(Field("id", "int", nullable=True), {"other": 1}).message == "is required"


def test_missing_optional_field_takes_its_default_as_is():
    assert check(Field("n", "int", required=False), {}) == {"n": None}
    # the default is neither coerced nor null-checked
    assert check(Field("n", "int", required=False, default="7"), {}) == {"n": "7"}
    tags = []
    out = check(Field("tags", "str", required=False, default=tags), {})
    assert out["tags"] is tags


def test_present_null_is_not_treated_as_missing():
    e = error(Field("n", "int", required=False, default=5), {"n": None})
    assert (e.field, e.message) == ("n", "must not be null")
    assert check(Field("n", "int", required=False, default=5, nullable=True), {"n": None}) == {"n": None}
    assert check(Field("n", "int", nullable=True), {"n": None}) == {"n": None}


@pytest.mark.parametrize(("ftype", "value", "want"), [
    ("str", "", ""),
    ("int", 0, 0),
    ("int", " 7 ", 7),
    ("int", 4.0, 4),
    ("float", 4, 4.0),
    ("float", " 2.50 ", 2.5),
    ("bool", False, False),
    ("bool", "true", True),
    ("str", 12, "12"),
])
def test_present_values_are_coerced(ftype, value, want):
    got = check(Field("v", ftype, required=False, default="DEFAULT"), {"v": value})["v"]
    assert got == want
    assert type(got) is type(want)


@pytest.mark.parametrize(("ftype", "value", "message"), [
    ("int", "abc", "expected int, got 'abc'"),
    ("int", 1.5, "expected int, got 1.5"),
    ("int", True, "expected int, got True"),
    ("float", "x", "expected float, got 'x'"),
    ("bool", "yes", "expected bool, got 'yes'"),
    ("bool", 1, "expected bool, got 1"),
    ("str", [1], "expected str, got [1]"),
])
def test_coercion_errors(ftype, value, message):
    e = error(Field("v", ftype), {"v": value})
    assert (e.field, e.message, str(e)) == ("v", message, f"v: {message}")
    assert e.__cause__ is None and e.__suppress_context__


def test_the_first_failing_field_in_declared_order_is_reported():
    schema = Schema([Field("a", "int"), Field("b", "int"), Field("c", "int")])
    with pytest.raises(ValidationError) as info:
        schema.validate({"c": "x", "b": None})
    assert info.value.field == "a"
    with pytest.raises(ValidationError) as info:
        schema.validate({"c": "x", "b": None, "a": 1})
    assert (info.value.field, info.value.message) == ("b", "must not be null")


def test_output_is_a_new_record_in_declared_order():
    schema = Schema([Field("b", "int"), Field("a", required=False, default="d")])
    record = {"a": "x", "b": "2", "z": 0}
    out = schema.validate(record)
    assert out == {"b": 2, "a": "x"} and list(out) == ["b", "a"]
    assert record == {"a": "x", "b": "2", "z": 0}


def test_extra_modes_after_the_declared_fields():
    fields = [Field("a", "int"), Field("b", required=False)]
    record = {"z": 1, "a": "1", "y": 2}
    assert Schema(fields).validate(record) == {"a": 1, "b": None}
    kept = Schema(fields, extra="keep").validate(record)
    assert list(kept.items()) == [("a", 1), ("b", None), ("z", 1), ("y", 2)]
    with pytest.raises(ValidationError) as info:
        Schema(fields, extra="forbid").validate(record)
    assert (info.value.field, info.value.message) == ("z", "unexpected field")
    # a field error is reported before an unexpected key
    with pytest.raises(ValidationError, match="^a: is required$"):
        Schema(fields, extra="forbid").validate({"z": 1})


def test_validate_all_is_lazy_and_stops_at_the_first_bad_record():
    schema = Schema([Field("n", "int")])
    out = schema.validate_all(iter([{"n": "1"}, {}, {"n": "3"}]))
    assert next(out) == {"n": 1}
    with pytest.raises(ValidationError, match="^n: is required$"):
        next(out)
