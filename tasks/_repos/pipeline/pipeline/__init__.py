"""Record-oriented data pipelines built from small composable steps."""

from pipeline.records import Record, RecordParseError, read_csv, read_jsonl
from pipeline.schema import Field, Schema, ValidationError

__all__ = [
    "Field",
    "Record",
    "RecordParseError",
    "Schema",
    "ValidationError",
    "read_csv",
    "read_jsonl",
]

__version__ = "0.4.0"
