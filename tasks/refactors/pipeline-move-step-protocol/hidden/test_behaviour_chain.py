"""Behaviour of `chain` and of the steps that must not change when the step protocol moves:
only names public before and after (pipeline.transforms keeps Step and chain)."""

import pytest

from pipeline.aggregate import Agg, aggregate
from pipeline.runner import Pipeline
from pipeline.transforms import Step, chain, dedupe, derive, filter_rows, rename, select

ROWS = [
    {"id": 1, "city": "Oslo", "temp": 3},
    {"id": 2, "city": "Rome", "temp": 18},
    {"id": 1, "city": "Oslo", "temp": 4},
]


def test_step_is_still_importable_from_transforms():
    assert Step is not None


def test_empty_chain_returns_its_input_unchanged():
    rows = list(ROWS)
    assert chain()(rows) is rows
    gen = iter(ROWS)
    assert chain()(gen) is gen


def test_steps_run_left_to_right():
    calls = []

    def tag(label):
        def step(records):
            calls.append(label)
            return [{**r, "path": r.get("path", "") + label} for r in records]
        return step

    out = chain(tag("a"), tag("b"), tag("c"))(ROWS[:1])
    assert calls == ["a", "b", "c"]
    assert out[0]["path"] == "abc"


def test_chain_returns_what_the_last_step_returns():
    listed = chain(filter_rows(lambda r: True), dedupe(["id"]))(ROWS)
    assert type(listed) is list
    assert listed == [ROWS[0], ROWS[1]]
    lazy = chain(dedupe(["id"]), filter_rows(lambda r: True))(ROWS)
    assert not isinstance(lazy, list)
    assert list(lazy) == [ROWS[0], ROWS[1]]


def test_chain_of_generator_steps_stays_lazy():
    pulled = []

    def source():
        for i in range(1000):
            pulled.append(i)
            yield {"i": i}

    step = chain(derive("sq", lambda r: r["i"] ** 2), filter_rows(lambda r: r["i"] % 2 == 0))
    out = step(source())
    assert next(out) == {"i": 0, "sq": 0}
    assert next(out) == {"i": 2, "sq": 4}
    assert pulled == [0, 1, 2]


def test_chained_step_can_run_again_and_nests():
    inner = chain(rename({"temp": "t"}), select(["city", "t"]))
    outer = chain(inner, dedupe(["city"]))
    assert outer(ROWS) == [{"city": "Oslo", "t": 3}, {"city": "Rome", "t": 18}]
    assert outer(ROWS) == [{"city": "Oslo", "t": 3}, {"city": "Rome", "t": 18}]
    assert "temp" in ROWS[0]


def test_the_steps_are_taken_when_chain_is_called():
    steps = [filter_rows(lambda r: r["temp"] > 3)]
    step = chain(*steps)
    steps.append(select(["id"]))
    assert list(step(ROWS)) == [ROWS[1], ROWS[2]]


def test_a_failing_step_propagates_its_error():
    def boom(records):
        raise KeyError("nope")

    with pytest.raises(KeyError):
        chain(select(["id"]), boom)(ROWS)


def test_runner_and_aggregate_still_run_steps():
    result = (
        Pipeline()
        .add("clean", chain(filter_rows(lambda r: r["temp"] > 0), dedupe(["id", "temp"])))
        .add("totals", aggregate(["city"], {"n": Agg("count"), "hi": Agg("max", "temp")}))
        .run(ROWS)
    )
    assert result.records == [{"city": "Oslo", "n": 2, "hi": 4}, {"city": "Rome", "n": 1, "hi": 18}]
    assert [(s.name, s.records_in, s.records_out) for s in result.stats] == [
        ("clean", 3, 3), ("totals", 3, 2)]
