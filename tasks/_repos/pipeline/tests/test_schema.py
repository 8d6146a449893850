import pytest

from pipeline.schema import Field, Schema, ValidationError

SCHEMA = Schema(
    [
        Field("id", "int"),
        Field("name"),
        Field("price", "float"),
        Field("active", "bool", required=False, default=True),
        Field("note", nullable=True, required=False),
    ]
)


def test_validate_coerces_strings():
    record = {"id": " 7 ", "name": "widget", "price": "2.50", "active": "false", "note": "x"}
    assert SCHEMA.validate(record) == {
        "id": 7,
        "name": "widget",
        "price": 2.5,
        "active": False,
        "note": "x",
    }


def test_validate_keeps_native_values_and_fills_defaults():
    out = SCHEMA.validate({"id": 3, "name": "n", "price": 4})
    assert out == {"id": 3, "name": "n", "price": 4.0, "active": True, "note": None}
    assert isinstance(out["price"], float)


def test_validate_output_follows_declared_order():
    out = SCHEMA.validate({"price": "1", "name": "n", "id": "1"})
    assert list(out) == ["id", "name", "price", "active", "note"]


def test_missing_required_field():
    with pytest.raises(ValidationError) as info:
        SCHEMA.validate({"name": "n", "price": "1"})
    assert info.value.field == "id"
    assert info.value.message == "is required"
    assert str(info.value) == "id: is required"


def test_null_handling():
    assert SCHEMA.validate({"id": 1, "name": "n", "price": 1, "note": None})["note"] is None
    with pytest.raises(ValidationError, match="name: must not be null"):
        SCHEMA.validate({"id": 1, "name": None, "price": 1})


@pytest.mark.parametrize(
    ("value", "message"),
    [("abc", "expected int, got 'abc'"), (1.5, "expected int, got 1.5"), (True, "expected int, got True")],
)
def test_bad_int(value, message):
    with pytest.raises(ValidationError) as info:
        SCHEMA.validate({"id": value, "name": "n", "price": 1})
    assert info.value.message == message


def test_bad_bool():
    with pytest.raises(ValidationError, match="active: expected bool, got 'maybe'"):
        SCHEMA.validate({"id": 1, "name": "n", "price": 1, "active": "maybe"})


def test_extra_modes():
    record = {"id": 1, "name": "n", "price": 1, "colour": "red"}
    assert "colour" not in SCHEMA.validate(record)
    keep = Schema(SCHEMA.fields, extra="keep")
    assert list(keep.validate(record))[-1] == "colour"
    forbid = Schema(SCHEMA.fields, extra="forbid")
    with pytest.raises(ValidationError, match="colour: unexpected field"):
        forbid.validate(record)


def test_schema_rejects_bad_declarations():
    with pytest.raises(ValueError, match="unknown field type 'decimal'"):
        Field("x", "decimal")
    with pytest.raises(ValueError, match="duplicate field names"):
        Schema([Field("a"), Field("a", "int")])
    with pytest.raises(ValueError, match="extra must be one of"):
        Schema([Field("a")], extra="drop")


def test_validate_all_is_lazy():
    schema = Schema([Field("n", "int")])
    out = schema.validate_all([{"n": "1"}, {"n": "x"}])
    assert next(out) == {"n": 1}
    with pytest.raises(ValidationError):
        next(out)
    assert schema.field_names == ["n"]
