"""The reported failure: boolean prices are no longer rejected and skew the report."""

from pipeline.aggregate import Agg, aggregate
from pipeline.runner import Pipeline
from pipeline.schema import Field, Schema


def test_boolean_price_is_rejected_and_left_out_of_the_report():
    schema = Schema([Field("region"), Field("price", "float")])
    batch = [
        {"region": "north", "price": 2.0},
        {"region": "north", "price": True},
        {"region": "north", "price": 3.0},
    ]
    result = (
        Pipeline()
        .validate(schema, on_error="skip")
        .add("report", aggregate(["region"], {"avg": Agg("mean", "price"), "n": Agg("count")}))
        .run(batch)
    )
    assert result.error_report() == "validate[1]: price: expected float, got True"
    assert result.records == [{"region": "north", "avg": 2.5, "n": 2}]
