"""The reported failure: a long-lived pipeline returns nothing on its second run."""

from pipeline.runner import Pipeline
from pipeline.transforms import dedupe, rename


def test_second_run_returns_the_same_records():
    pipeline = Pipeline().add("rename", rename({"sku": "id"})).add("dedupe", dedupe(["id"]))
    batch = [{"sku": "A1", "qty": "3"}, {"sku": "B2", "qty": "1"}, {"sku": "A1", "qty": "9"}]
    first = pipeline.run(batch)
    second = pipeline.run(batch)
    assert [r["id"] for r in first.records] == ["A1", "B2"]
    assert [r["id"] for r in second.records] == ["A1", "B2"]
    assert second.stats_for("dedupe").records_out == 2
