"""Goal test (imports the code): Field.value_from works on its own and Schema.validate goes
through it. Imports happen inside the tests, so the untouched repo collects."""

import importlib

import pytest


def test_field_value_from_on_its_own():
    schema = importlib.import_module("pipeline.schema")
    assert schema.Field("n", "int").value_from({"n": " 3 "}) == 3
    assert schema.Field("n", "int", required=False, default=9).value_from({}) == 9
    with pytest.raises(schema.ValidationError, match="^n: must not be null$"):
        schema.Field("n", "int").value_from({"n": None})


def test_schema_validate_delegates_to_the_field():
    schema = importlib.import_module("pipeline.schema")

    class Shouting(schema.Field):
        def value_from(self, record):
            return str(record.get(self.name, "")).upper()

    out = schema.Schema([Shouting("a"), schema.Field("b", "int")]).validate({"a": "hi", "b": "2"})
    assert out == {"a": "HI", "b": 2}
