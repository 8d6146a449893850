"""Behaviour of the pipeline runner that must not change when its stages become explicit
kinds: how each kind runs, stats, error collection, and configuration errors. Only names
public before and after."""

import pytest

from pipeline.runner import Pipeline, RunResult, StepError
from pipeline.schema import Field, Schema, ValidationError
from pipeline.transforms import dedupe, filter_rows, rename

SCHEMA = Schema([Field("sku"), Field("qty", "int")])
RAW = [
    {"sku": "a", "qty": "2"},
    {"sku": "b", "qty": "x"},
    {"sku": "a", "qty": "5"},
    {"sku": "c"},
    {"sku": "d", "qty": "0"},
]


def test_stats_per_stage_in_order():
    result = (
        Pipeline()
        .add("first-two-skus", filter_rows(lambda r: r["sku"] in ("a", "b")))
        .validate(SCHEMA, on_error="skip")
        .map("double", lambda r: {**r, "qty": r["qty"] * 2})
        .add("one-per-sku", dedupe(["sku"]))
        .run(RAW)
    )
    assert result.records == [{"sku": "a", "qty": 4}]
    assert [(s.name, s.records_in, s.records_out) for s in result.stats] == [
        ("first-two-skus", 5, 3), ("validate", 3, 2), ("double", 2, 2), ("one-per-sku", 2, 1)]


def test_error_index_is_the_position_in_that_stages_input():
    result = (
        Pipeline()
        .add("skip-first", lambda records: records[1:])
        .validate(SCHEMA, on_error="skip")
        .run(RAW)
    )
    assert [(e.step, e.index, e.message) for e in result.errors] == [
        ("validate", 0, "qty: expected int, got 'x'"),
        ("validate", 2, "qty: is required"),
    ]
    assert result.records == [{"sku": "a", "qty": 5}, {"sku": "d", "qty": 0}]
    assert result.error_report() == (
        "validate[0]: qty: expected int, got 'x'\nvalidate[2]: qty: is required")
    assert not result.ok


def test_errors_of_several_map_stages_are_kept_in_run_order():
    def no_zero(record):
        if record["qty"] == 0:
            raise ValidationError("qty", "must not be zero")
        return record

    result = (Pipeline().validate(SCHEMA, on_error="skip", name="check")
              .map("no-zero", no_zero, on_error="skip").run(RAW))
    assert result.errors == [
        StepError("check", 1, "qty: expected int, got 'x'"),
        StepError("check", 3, "qty: is required"),
        StepError("no-zero", 2, "qty: must not be zero"),
    ]
    assert result.stats_for("check").errors == 0  # StepStats.errors is not filled in
    assert result.stats_for("no-zero").errors == 0


def test_raise_mode_propagates_the_validation_error():
    with pytest.raises(ValidationError) as info:
        Pipeline().validate(SCHEMA).run(RAW)
    assert (info.value.field, info.value.message) == ("qty", "expected int, got 'x'")
    with pytest.raises(ValidationError):
        Pipeline().validate(SCHEMA, on_error="raise").run(RAW)


def test_skip_mode_only_skips_validation_errors():
    def broken(record):
        return {"qty": record["missing"]}

    with pytest.raises(KeyError):
        Pipeline().map("broken", broken, on_error="skip").run(RAW)

    def bad_value(record):
        raise ValueError("not a validation error")

    with pytest.raises(ValueError, match="not a validation error"):
        Pipeline().map("bad", bad_value, on_error="skip").run(RAW)


def test_a_whole_stream_step_gets_a_list_and_its_output_is_listed():
    seen = []

    def step(records):
        seen.append(type(records))
        return (r for r in records if r["sku"] != "b")

    result = Pipeline().add("s", step).run(iter(RAW))
    assert seen == [list]
    assert type(result.records) is list and len(result.records) == 4


def test_whole_stream_errors_are_never_skipped():
    def fails(records):
        raise ValidationError("x", "whole stream")

    with pytest.raises(ValidationError):
        Pipeline().add("fails", fails).run(RAW)


def test_map_gets_each_record_and_keeps_the_output():
    seen = []
    result = Pipeline().map("id", lambda r: seen.append(r) or r).run(RAW[:2])
    assert seen[0] is RAW[0] and result.records[1] is RAW[1]
    assert result.ok and result.errors == []


def test_every_run_starts_afresh():
    pipe = Pipeline().validate(SCHEMA, on_error="skip")
    first, second = pipe.run(RAW), pipe.run(RAW)
    assert len(first.errors) == len(second.errors) == 2
    assert first.records == second.records
    assert isinstance(first, RunResult)


def test_empty_pipeline_and_empty_input():
    assert Pipeline().run(iter(RAW)).records == RAW
    result = Pipeline().validate(SCHEMA).add("n", dedupe(["sku"])).run([])
    assert result.records == [] and result.ok
    assert [(s.name, s.records_in, s.records_out) for s in result.stats] == [
        ("validate", 0, 0), ("n", 0, 0)]


def test_adding_returns_the_pipeline_and_names_are_kept_in_order():
    pipe = Pipeline()
    assert pipe.add("a", rename({})) is pipe
    assert pipe.map("b", dict) is pipe
    assert pipe.validate(SCHEMA) is pipe
    assert pipe.step_names == ["a", "b", "validate"]


@pytest.mark.parametrize("add_again", [
    lambda p: p.add("a", rename({})),
    lambda p: p.map("a", dict),
    lambda p: p.validate(SCHEMA, name="a"),
])
def test_duplicate_names_are_rejected_for_every_kind(add_again):
    pipe = Pipeline().map("a", dict)
    with pytest.raises(ValueError) as info:
        add_again(pipe)
    assert str(info.value) == "duplicate step name 'a'"
    assert pipe.step_names == ["a"]


def test_bad_on_error_is_rejected_when_the_stage_is_added():
    pipe = Pipeline()
    with pytest.raises(ValueError) as info:
        pipe.map("m", dict, on_error="ignore")
    assert str(info.value) == "on_error must be one of ('raise', 'skip'), got 'ignore'"
    with pytest.raises(ValueError, match=r"^on_error must be one of \('raise', 'skip'\), got 'SKIP'$"):
        pipe.validate(SCHEMA, on_error="SKIP")
    assert pipe.step_names == []


def test_a_duplicate_name_is_reported_before_a_bad_on_error():
    pipe = Pipeline().add("a", rename({}))
    with pytest.raises(ValueError, match="^duplicate step name 'a'$"):
        pipe.map("a", dict, on_error="ignore")


def test_stats_for_unknown_step():
    result = Pipeline().add("a", rename({})).run(RAW)
    assert result.stats_for("a").records_out == 5
    with pytest.raises(KeyError):
        result.stats_for("b")
