import pytest

from pipeline.aggregate import Agg, aggregate
from pipeline.runner import Pipeline, StepError
from pipeline.schema import Field, Schema, ValidationError
from pipeline.transforms import dedupe, filter_rows, rename

SCHEMA = Schema([Field("sku"), Field("qty", "int")])
RAW = [
    {"sku": "a", "qty": "2"},
    {"sku": "b", "qty": "x"},
    {"sku": "a", "qty": "2"},
    {"sku": "c", "qty": "0"},
    {"sku": "d", "qty": "7"},
    {"sku": "b", "qty": "3"},
]


class Source:
    """Yields the given records and fails if pulled beyond ``limit`` of them."""

    def __init__(self, records, limit=None):
        self.records = records
        self.limit = len(records) if limit is None else limit
        self.pulled = 0

    def __iter__(self):
        for record in self.records:
            if self.pulled >= self.limit:
                raise AssertionError(f"pulled more than {self.limit} records")
            self.pulled += 1
            yield record


def streaming_pipeline():
    return (
        Pipeline()
        .validate(SCHEMA, on_error="skip")
        .add("unique", dedupe(["sku", "qty"]))
        .add("nonzero", filter_rows(lambda r: r["qty"] > 0))
        .add("rename", rename({"qty": "units"}))
    )


def test_iter_yields_same_records_as_run():
    assert list(streaming_pipeline().iter(RAW)) == streaming_pipeline().run(RAW).records


def test_nothing_is_pulled_before_iteration():
    source = Source(RAW)
    streaming_pipeline().iter(source)
    assert source.pulled == 0


def test_first_record_pulls_only_what_it_needs():
    source = Source(RAW, limit=1)
    records = streaming_pipeline().iter(source)
    assert next(records) == {"sku": "a", "units": 2}
    assert source.pulled == 1


def test_dedupe_streams_lazily():
    source = Source([{"id": 1}, {"id": 1}, {"id": 2}, {"id": 3}], limit=3)
    records = Pipeline().add("unique", dedupe(["id"])).iter(source)
    assert next(records) == {"id": 1}
    assert next(records) == {"id": 2}
    assert source.pulled == 3
    assert list(dedupe(["id"])([{"id": 1}, {"id": 1}, {"id": 2}])) == [{"id": 1}, {"id": 2}]


def test_stats_and_errors_match_run_after_exhaustion():
    pipeline = streaming_pipeline().add("totals", aggregate(["sku"], {"units": Agg("sum", "units")}))
    stats, errors = [], []
    out = list(pipeline.iter(iter(RAW), stats=stats, errors=errors))
    result = pipeline.run(RAW)
    assert out == result.records == [{"sku": "a", "units": 2}, {"sku": "b", "units": 3}, {"sku": "d", "units": 7}]
    assert [(s.name, s.records_in, s.records_out) for s in stats] == [
        (s.name, s.records_in, s.records_out) for s in result.stats
    ]
    assert [(s.name, s.records_in, s.records_out) for s in stats] == [
        ("validate", 6, 5),
        ("unique", 5, 4),
        ("nonzero", 4, 3),
        ("rename", 3, 3),
        ("totals", 3, 3),
    ]
    assert errors == result.errors == [StepError("validate", 1, "qty: expected int, got 'x'")]


def test_raise_mode_raises_during_iteration():
    source = Source(RAW)
    records = Pipeline().validate(SCHEMA).iter(source)
    assert next(records) == {"sku": "a", "qty": 2}
    with pytest.raises(ValidationError, match="qty: expected int, got 'x'"):
        next(records)
    assert source.pulled == 2


def test_run_is_unchanged():
    result = streaming_pipeline().run(RAW)
    assert [(s.name, s.records_in, s.records_out) for s in result.stats][:2] == [("validate", 6, 5), ("unique", 5, 4)]
    assert result.errors == [StepError("validate", 1, "qty: expected int, got 'x'")]


def test_dedupe_output_does_not_change():
    # first record per key wins, in input order; a plain string is still a sequence of
    # one-character field names, as today
    rows = [
        {"id": 1, "i": "x", "d": 1},
        {"id": 2, "i": "x", "d": 1},
        {"id": 1, "i": "y", "d": 1},
        {"id": 3, "i": "y", "d": 1},
    ]
    source = Source(rows, limit=1)
    kept = iter(dedupe("id")(source))
    assert next(kept) is rows[0]
    assert source.pulled == 1
    assert list(dedupe("id")(rows)) == [rows[0], rows[2]]
    assert list(dedupe("id")(rows)) == list(dedupe(["i", "d"])(rows))
    others = [{"k": 2, "n": 0}, {"k": 1, "n": 1}, {"k": 2, "n": 2}, {"n": 3}, {"k": None, "n": 4}]
    out = list(dedupe(["k"])(others))
    assert out == [others[0], others[1], others[3]]
    assert all(a is b for a, b in zip(out, [others[0], others[1], others[3]]))
