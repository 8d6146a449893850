"""Guard: only ValidationError is collected in skip mode; any other exception raised by a
map stage propagates out of run, as today."""

import pytest

from pipeline.runner import Pipeline


def broken(record):
    return {**record, "ratio": record["a"] / record["b"]}


def test_other_exceptions_are_not_caught():
    rows = [{"a": 1, "b": 2}, {"a": 1, "b": 0}, {"a": 3}]
    with pytest.raises(ZeroDivisionError):
        Pipeline().map("ratio", broken, on_error="skip").run(rows[:2])
    with pytest.raises(KeyError):
        Pipeline().map("ratio", broken, on_error="skip").run([rows[0], rows[2]])
    with pytest.raises(ZeroDivisionError):
        Pipeline().map("ratio", broken).run(rows[:2])
