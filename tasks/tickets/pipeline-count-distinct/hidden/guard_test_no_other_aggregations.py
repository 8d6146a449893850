"""Guard: count_distinct is the only aggregation added; median and mode (the TODO above
AGGREGATORS) and any other new name stay unknown."""

import pytest

from pipeline.aggregate import AGGREGATORS, Agg


def test_no_aggregation_besides_count_distinct_is_added():
    assert set(AGGREGATORS) - {"count_distinct"} == {"sum", "mean", "count", "min", "max"}
    for name in ("median", "mode"):
        with pytest.raises(ValueError, match=f"^unknown aggregation '{name}'$"):
            Agg(name, "v")
