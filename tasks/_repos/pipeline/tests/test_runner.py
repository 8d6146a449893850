import pytest

from pipeline.aggregate import Agg, aggregate
from pipeline.runner import Pipeline
from pipeline.schema import Field, Schema, ValidationError
from pipeline.transforms import filter_rows, rename

SCHEMA = Schema([Field("sku"), Field("qty", "int")])
RAW = [{"sku": "a", "qty": "2"}, {"sku": "b", "qty": "x"}, {"sku": "a", "qty": "5"}, {"sku": "c", "qty": "0"}]


def test_run_chains_steps_and_counts():
    result = (
        Pipeline()
        .validate(SCHEMA, on_error="skip")
        .add("nonzero", filter_rows(lambda r: r["qty"] > 0))
        .add("totals", aggregate(["sku"], {"qty": Agg("sum", "qty")}))
        .run(RAW)
    )
    assert result.records == [{"sku": "a", "qty": 7}]
    assert [(s.name, s.records_in, s.records_out) for s in result.stats] == [
        ("validate", 4, 3),
        ("nonzero", 3, 2),
        ("totals", 2, 1),
    ]


def test_skipped_errors_are_collected():
    result = Pipeline().validate(SCHEMA, on_error="skip").run(RAW)
    assert not result.ok
    assert len(result.errors) == 1
    error = result.errors[0]
    assert (error.step, error.index, error.message) == ("validate", 1, "qty: expected int, got 'x'")
    assert result.error_report() == "validate[1]: qty: expected int, got 'x'"


def test_raise_mode_propagates():
    with pytest.raises(ValidationError):
        Pipeline().validate(SCHEMA).run(RAW)


def test_map_stage():
    result = Pipeline().map("upper", lambda r: {**r, "sku": r["sku"].upper()}).run(RAW[:1])
    assert result.records == [{"sku": "A", "qty": "2"}]
    assert result.ok


def test_stats_for_and_step_names():
    pipe = Pipeline().add("rn", rename({"qty": "n"})).validate(Schema([Field("n", "int")]), name="check")
    assert pipe.step_names == ["rn", "check"]
    result = pipe.run(RAW[:1])
    assert result.stats_for("check").records_out == 1
    with pytest.raises(KeyError):
        result.stats_for("nope")


def test_pipeline_rejects_bad_configuration():
    with pytest.raises(ValueError, match="duplicate step name 'a'"):
        Pipeline().add("a", rename({})).add("a", rename({}))
    with pytest.raises(ValueError, match="on_error must be one of"):
        Pipeline().validate(SCHEMA, on_error="ignore")


def test_empty_pipeline_returns_input():
    result = Pipeline().run(iter(RAW))
    assert result.records == RAW
    assert result.stats == []
