"""Run folders: `results/runs/<run-id>/` with `logs/`, `run.json` (the run's record) and
`spend.json` (the running spend under a cost_limit). Finding the latest run, the run to resume,
the logs a report reads, and the stops a run recorded all happen here."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from evals.errors import UserError
from evals.paths import REPORTS_DIR

RECORD = "run.json"
SPEND = "spend.json"  # the spend so far, written after every priced call (survives kill -9)
LOGS = "logs"


def latest_run(runs: Path) -> Path | None:
    """The most recently written run folder (one with logs) under `runs`, if any."""
    found = sorted((d for d in runs.glob("*") if (d / LOGS).is_dir()),
                   key=lambda d: d.stat().st_mtime) if runs.is_dir() else []
    return found[-1] if found else None


def resume_id(runs: Path, which: str | None) -> str | None:
    """The run to resume (`resume=<run-id>|latest`), checked to exist; None for a new run."""
    if not which:
        return None
    if which == "latest":
        last = latest_run(runs)
        if last is None:
            raise UserError(f"resume=latest: no runs in {runs}")
        return last.name
    if not (runs / which / LOGS).is_dir():
        raise UserError(f"resume={which}: no such run in {runs}")
    return which


def new_run_id() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def report_sources(runs: Path, which: str) -> tuple[list[Path], str, Path]:
    """The log folders a report of `which` (a run id, latest or all) reads, a name for it, and
    where its report goes by default."""
    if which == "all":
        if not runs.is_dir():
            raise UserError(f"no runs yet in {runs}: run `python -m evals run +suite=...` first")
        return [runs], "all", REPORTS_DIR / "all"
    if which == "latest":
        last = latest_run(runs)
        if last is None:
            raise UserError(f"no runs yet in {runs}: run `python -m evals run +suite=...` first")
        return [last / LOGS], last.name, last / "report"
    if not (runs / which / LOGS).is_dir():
        raise UserError(f"unknown run '{which}' (no folder {runs / which / LOGS})")
    return [runs / which / LOGS], which, runs / which / "report"


def now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def write_record(run_dir: Path, record: dict[str, Any]) -> None:
    """A new run's record, or for a resumed run a note of the resume (the first record stays)."""
    path = run_dir / RECORD
    if path.is_file():
        update_record(run_dir, {}, append={"resumed": now()})
    else:
        path.write_text(json.dumps({**record, "started": now()}, indent=2, default=str))


def update_record(run_dir: Path, fields: dict[str, Any],
                  append: dict[str, Any] | None = None) -> None:
    """Set `fields` in run.json, and add each of `append` to its list (a run may be resumed and
    stopped many times: `resumed`, `stops`)."""
    path = run_dir / RECORD
    data = json.loads(path.read_text())
    data.update(fields)
    for key, item in (append or {}).items():
        data.setdefault(key, []).append(item)
    path.write_text(json.dumps(data, indent=2, default=str))


def read_record(run_dir: Path) -> dict[str, Any] | None:
    try:
        return json.loads((run_dir / RECORD).read_text())
    except (OSError, ValueError):
        return None


def save_spend(run_dir: Path, spent: float) -> None:
    """Keep the running total on disk, so a resume after a hard kill counts calls whose samples
    were lost with the process (paid for, but never written to a log)."""
    path = run_dir / SPEND
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"spent_usd": round(spent, 9)}))
    os.replace(tmp, path)


def recorded_spend(run_dir: Path) -> float:
    """The total an earlier invocation of this run kept on disk (0 if none)."""
    try:
        return float(json.loads((run_dir / SPEND).read_text())["spent_usd"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0.0


def open_stop(run_dir: Path) -> dict[str, Any] | None:
    """The latest early stop (cost_limit) of a run, unless a later resume finished it."""
    record = read_record(run_dir)
    if not record:
        return None
    stops = record.get("stops") or []
    if stops and not (record.get("resumed") and max(record["resumed"]) > stops[-1]["at"]):
        return stops[-1]
    return None
