"""The pipeline runner: chains steps and collects per-step stats and errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pipeline.records import Record
from pipeline.schema import Schema, ValidationError
from pipeline.transforms import Step

ON_ERROR_MODES = ("raise", "skip")


@dataclass
class StepStats:
    """Record counts for one step of a run."""

    name: str
    records_in: int = 0
    records_out: int = 0
    errors: int = 0


@dataclass(frozen=True)
class StepError:
    """A record that a step rejected; ``index`` is its position in the step's input."""

    step: str
    index: int
    message: str


@dataclass
class RunResult:
    """What :meth:`Pipeline.run` produced."""

    records: list[Record]
    stats: list[StepStats] = field(default_factory=list)
    errors: list[StepError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def stats_for(self, name: str) -> StepStats:
        for stats in self.stats:
            if stats.name == name:
                return stats
        raise KeyError(name)

    def error_report(self) -> str:
        """One line per error, ``"<step>[<index>]: <message>"``."""
        return "\n".join(f"{e.step}[{e.index}]: {e.message}" for e in self.errors)


@dataclass(frozen=True)
class _Stage:
    name: str
    step: Step | None = None
    fn: Callable[[Record], Record] | None = None
    on_error: str = "raise"


class Pipeline:
    """An ordered list of named steps.

    ``add`` appends a whole-stream step (see :mod:`pipeline.transforms`);
    ``map`` and ``validate`` append per-record stages whose failures can be
    skipped and collected instead of aborting the run.
    """

    def __init__(self) -> None:
        self._stages: list[_Stage] = []

    @property
    def step_names(self) -> list[str]:
        return [stage.name for stage in self._stages]

    def _append(self, stage: _Stage) -> Pipeline:
        if stage.name in self.step_names:
            raise ValueError(f"duplicate step name {stage.name!r}")
        if stage.on_error not in ON_ERROR_MODES:
            raise ValueError(f"on_error must be one of {ON_ERROR_MODES}, got {stage.on_error!r}")
        self._stages.append(stage)
        return self

    def add(self, name: str, step: Step) -> Pipeline:
        """Append a whole-stream step."""
        return self._append(_Stage(name, step=step))

    def map(
        self, name: str, fn: Callable[[Record], Record], *, on_error: str = "raise"
    ) -> Pipeline:
        """Append a per-record stage that replaces each record with ``fn(record)``.

        With ``on_error="skip"`` a record for which ``fn`` raises
        :class:`ValidationError` is dropped and recorded as a :class:`StepError`.
        """
        return self._append(_Stage(name, fn=fn, on_error=on_error))

    def validate(self, schema: Schema, *, name: str = "validate", on_error: str = "raise") -> Pipeline:
        """Append a stage that validates and coerces every record with ``schema``."""
        return self.map(name, schema.validate, on_error=on_error)

    def run(self, records: Iterable[Record]) -> RunResult:
        """Run every step in order over ``records`` and return the result."""
        current = list(records)
        all_stats: list[StepStats] = []
        errors: list[StepError] = []
        for stage in self._stages:
            stats = StepStats(stage.name, records_in=len(current))
            if stage.step is not None:
                current = list(stage.step(current))
            else:
                current = self._apply_map(stage, current, errors)
            stats.records_out = len(current)
            all_stats.append(stats)
        return RunResult(current, all_stats, errors)

    @staticmethod
    def _apply_map(stage: _Stage, records: list[Record], errors: list[StepError]) -> list[Record]:
        assert stage.fn is not None
        out: list[Record] = []
        for index, record in enumerate(records):
            try:
                out.append(stage.fn(record))
            except ValidationError as exc:
                if stage.on_error == "raise":
                    raise
                errors.append(StepError(stage.name, index, str(exc)))
        return out
