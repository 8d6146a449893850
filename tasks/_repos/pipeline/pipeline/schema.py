"""Declarative record schemas with type coercion and validation errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.records import Record

_MISSING = object()


class ValidationError(ValueError):
    """A record does not match its schema.

    ``field`` names the offending field and ``message`` says what is wrong.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _coerce_int(value: Any) -> int:
    if isinstance(value, bool):
        raise TypeError("bool is not an int")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"{value} has a fractional part")
        return int(value)
    if isinstance(value, str):
        # TODO: int() also accepts digit separators, so "1_000" is coerced to
        # 1000; CSV exports never use them and they should be rejected.
        return int(value.strip())
    raise TypeError(f"cannot coerce {type(value).__name__} to int")


def _coerce_float(value: Any) -> float:
    if isinstance(value, bool):
        raise TypeError("bool is not a float")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        # TODO: float() accepts "nan" and "inf", which are never meant as
        # data here and poison every aggregate they reach.
        return float(value.strip())
    raise TypeError(f"cannot coerce {type(value).__name__} to float")


def _coerce_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        if value == "true":
            return True
        if value == "false":
            return False
        raise ValueError(f"not a boolean: {value!r}")
    raise TypeError(f"cannot coerce {type(value).__name__} to bool")


def _coerce_str(value: Any) -> str:
    if isinstance(value, (dict, list)):
        raise TypeError(f"cannot coerce {type(value).__name__} to str")
    return str(value)


COERCERS: dict[str, Callable[[Any], Any]] = {
    "int": _coerce_int,
    "float": _coerce_float,
    "bool": _coerce_bool,
    "str": _coerce_str,
}

EXTRA_MODES = ("ignore", "keep", "forbid")


@dataclass(frozen=True)
class Field:
    """One declared field of a :class:`Schema`.

    ``type`` is one of the keys of :data:`COERCERS`. A field that is not
    ``required`` takes ``default`` when it is absent from the record; a
    ``nullable`` field accepts ``None`` as its value.
    """

    name: str
    type: str = "str"
    required: bool = True
    nullable: bool = False
    default: Any = None

    def __post_init__(self) -> None:
        if self.type not in COERCERS:
            raise ValueError(f"unknown field type {self.type!r}")
        if not self.name:
            raise ValueError("field name must not be empty")


class Schema:
    """An ordered collection of :class:`Field` declarations.

    ``extra`` says what happens to record keys that are not declared:
    ``"ignore"`` drops them, ``"keep"`` copies them after the declared fields,
    ``"forbid"`` raises :class:`ValidationError`.
    """

    def __init__(self, fields: Sequence[Field], *, extra: str = "ignore") -> None:
        if extra not in EXTRA_MODES:
            raise ValueError(f"extra must be one of {EXTRA_MODES}, got {extra!r}")
        names = [f.name for f in fields]
        if len(set(names)) != len(names):
            raise ValueError("duplicate field names in schema")
        self.fields: tuple[Field, ...] = tuple(fields)
        self.extra = extra

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def validate(self, record: Record) -> Record:
        """Return a new record with every declared field coerced to its type.

        Raises :class:`ValidationError` for the first field that is missing,
        null when it may not be, or cannot be coerced.
        """
        out: Record = {}
        for f in self.fields:
            value = record.get(f.name, _MISSING)
            if value is _MISSING:
                if f.required:
                    raise ValidationError(f.name, "is required")
                out[f.name] = f.default
                continue
            if value is None:
                if not f.nullable:
                    raise ValidationError(f.name, "must not be null")
                out[f.name] = None
                continue
            try:
                out[f.name] = COERCERS[f.type](value)
            except (TypeError, ValueError):
                raise ValidationError(f.name, f"expected {f.type}, got {value!r}") from None
        extras = [key for key in record if key not in out]
        if extras and self.extra == "forbid":
            raise ValidationError(extras[0], "unexpected field")
        if self.extra == "keep":
            for key in extras:
                out[key] = record[key]
        return out

    def validate_all(self, records: Iterable[Record]) -> Iterator[Record]:
        """Validate records one at a time; the first invalid record raises."""
        for record in records:
            yield self.validate(record)
