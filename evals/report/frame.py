"""The samples frame: every run's inspect logs as one tidy pandas table, one row per sample.

Nothing here names a suite: a sample's task labels (repo, difficulty, a suite's own) come from
its metadata, and its numbers from every dict-valued score it has. Samples that errored or
never ran (an interrupted run) are rows too, with status "error" or "missing", so a report
counts them instead of silently dropping them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from evals import runs
from evals.constants import (
    COST,
    ERROR,
    EXCESS_BAR,
    MISSING,
    OK,
    OUTCOMES,
    SCOPE_COMPONENTS,
    SOLO,
    TAMPERED,
    TASK_TYPE,
)
from evals.logs import (
    cancelled,
    error_text,
    find_logs,
    newest_headers,
    sample_cost,
    sample_scores,
    sample_summaries,
    sample_tokens,
    uri_path,
)
from evals.taskspec import split_sample_id

IDS = ("run_id", "edition", "model", "model_name", "tier", "workflow", "clarity", "suite",
       TASK_TYPE, "task", "epoch", "status")
BASE_LABELS = ("repo", "difficulty")  # every task has these; a suite may add more
USAGE = ("cost_usd", "input_tokens", "output_tokens", "reasoning_tokens", "total_time",
         "working_time")
TAIL = (EXCESS_BAR, "error", "log")
# what a task's labels are, for a row the logs cannot tell (a task no sample of which ran)
TaskLabels = Callable[[str, str], dict[str, str] | None]


@dataclass
class LoadedFrame:
    frame: pd.DataFrame
    logs: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line per unreadable log
    stops: list[str] = field(default_factory=list)  # one line per early stop of a run (cost_limit)


def _header_rows(header: Any, log: str) -> tuple[dict[str, Any], list[tuple[str, int]]]:
    """Per-log fields, and the (sample id, epoch) pairs the log was meant to contain."""
    meta = header.eval.metadata or {}
    run_dir = Path(uri_path(log)).parent
    suite = str(meta.get("suite") or header.eval.task.split("/")[-1])
    info = {
        "run_id": str(meta.get("run_id") or (run_dir.parent.name if run_dir.name == runs.LOGS
                                              else run_dir.name)),
        "edition": str(meta.get("edition", "?")),
        "model": str(header.eval.model),
        "model_name": str(meta.get("model_name") or str(header.eval.model).split("/")[-1]),
        "tier": str(meta.get("tier", "?")),
        # a workflow's rows (design section 9): tier is the workflow, model_name the pair
        "workflow": str(meta.get("workflow") or SOLO),
        "suite": suite,
        # the bar this log's samples were judged with (a suite without one has none)
        EXCESS_BAR: (meta.get("options") or {}).get(EXCESS_BAR),
        "log": uri_path(log),
    }
    ids = list(header.eval.dataset.sample_ids or [])
    limit = header.eval.config.limit
    if isinstance(limit, int):
        ids = ids[:limit]
    elif isinstance(limit, (list, tuple)) and len(limit) == 2:
        ids = ids[limit[0]:limit[1]]
    epochs = header.eval.config.epochs or 1
    # epochs=auto: samples adaptive sampling chose not to run are not missing
    early = header.results.early_stopping if header.results else None
    skipped = {(str(s.id), s.epoch) for s in early.early_stops} if early else set()
    return info, [(str(i), e) for i in ids for e in range(1, epochs + 1)
                  if (str(i), e) not in skipped]


def _sample_row(summary: Any, info: dict[str, Any]) -> dict[str, Any]:
    scores = sample_scores(summary)
    meta = summary.metadata or {}
    err = error_text(summary.error)
    ok = bool(scores) and all(k in scores for k in OUTCOMES) and not err
    status = OK if ok else MISSING if cancelled(err) else ERROR
    task, clarity = split_sample_id(str(summary.id))
    row: dict[str, Any] = {
        **info,
        "task": str(meta.get("task_id") or task),
        "clarity": str(meta.get("clarity") or clarity),
        TASK_TYPE: meta.get(TASK_TYPE) or info["suite"],
        "epoch": summary.epoch,
        "status": status,
        "error": None if ok else "cancelled before it ran (a stop or an operator cancel)"
        if status == MISSING else (str(err)[:500] if err else "no score"),
        "total_time": summary.total_time,
        "working_time": summary.working_time,
        "labels": meta.get("labels") or {},
        **(meta.get("labels") or {}),
        **sample_tokens(summary),
        COST: sample_cost(summary),
    }
    for key, value in scores.items():
        if key != COST:
            row[key] = value if ok else math.nan
    return row


def load_frame(paths: list[Path], task_labels: TaskLabels | None = None) -> LoadedFrame:
    """Read every inspect log under `paths` into the samples frame (docs/design.md section 2).
    `task_labels(suite, task)` fills the labels of a task no logged sample carries."""
    logs = find_logs(paths)
    loaded = LoadedFrame(pd.DataFrame(columns=list(IDS + BASE_LABELS + OUTCOMES + USAGE + TAIL)))

    def skip(log: str, ex: Exception) -> None:  # named and skipped, never fatal
        loaded.skipped.append(f"{uri_path(log)}: not a readable inspect log "
                              f"({type(ex).__name__})")

    headers = {log: _header_rows(h, log) for log, h in newest_headers(logs, skip).items()}
    loaded.logs = [uri_path(x) for x in headers]
    rows: list[dict[str, Any]] = []
    # Sample summaries, not inspect_ai.analysis.samples_df: the same fields, but samples_df
    # took 56 s for 10,000 samples here against 2.5 s for the summaries (0.9 s read as plain
    # JSON, `logs.sample_summaries`).
    for log, (info, _) in headers.items():
        try:
            summaries = sample_summaries(log)
        except Exception as ex:  # a log whose header reads but whose samples do not
            loaded.skipped.append(f"{uri_path(log)}: samples unreadable ({type(ex).__name__})")
            continue
        rows += [_sample_row(s, info) for s in summaries]
    seen = {(r["log"], r["task"], r["clarity"], r["epoch"]) for r in rows}
    stops = {d: s for d in {Path(info["log"]).parent for info, _ in headers.values()}
             if (s := runs.open_stop(d.parent)) is not None}
    for info, expected in headers.values():
        for sid, epoch in expected:
            task, clarity = split_sample_id(sid)
            if (info["log"], task, clarity, epoch) not in seen:
                rows.append({**info, "task": task, "clarity": clarity, "epoch": epoch,
                             "status": MISSING,
                             "error": "never ran (interrupted or not resumed)"})
    for r in rows:  # samples a stop left unrun (never started, or cancelled as they started)
        stop = stops.get(Path(r["log"]).parent)
        if stop and r["status"] == MISSING:
            r["error"] = f"not run: the run stopped at cost_limit ${stop['cost_limit']:g}"
    for log_dir, stop in sorted(stops.items()):
        loaded.stops.append(f"run {log_dir.parent.name} stopped at cost_limit "
                            f"${stop['cost_limit']:g} (${stop['spent_usd']:.4f} spent, "
                            f"{stop['at']}); samples it did not start are listed as missing")
    label_keys = {k for r in rows for k in r.get("labels") or {}}
    loaded.frame = _tidy(pd.DataFrame(rows), sorted(label_keys), task_labels)
    return loaded


def _tidy(frame: pd.DataFrame, label_keys: list[str],
          task_labels: TaskLabels | None) -> pd.DataFrame:
    """Columns in a fixed order (ids, labels, outcomes, scope, the rest), numbers as floats,
    labels of rows without metadata filled in."""
    labels = [*BASE_LABELS, *(k for k in label_keys if k not in BASE_LABELS)]
    for col in (*IDS, *labels, *OUTCOMES, *USAGE, *TAIL):
        if col not in frame.columns:
            frame[col] = None
    numbers = [c for c in frame.columns
               if c not in (*IDS, *labels, *USAGE, *TAIL) and c != "labels"]
    first = [*OUTCOMES, *([TAMPERED] if TAMPERED in numbers else [])]
    order = (first + [c for c in SCOPE_COMPONENTS if c in numbers]
             + sorted(c for c in numbers if c not in first and c not in SCOPE_COMPONENTS))
    frame = frame[[*IDS, *labels, *order, *USAGE, *TAIL]].copy()
    for col in (*order, *USAGE, EXCESS_BAR):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    frame["epoch"] = pd.to_numeric(frame["epoch"], errors="coerce").fillna(1).astype("int64")
    _fill_task_fields(frame, [TASK_TYPE, *labels], task_labels)
    return frame.sort_values(["run_id", "model", "workflow", "task", "clarity", "epoch"],
                             kind="stable",
                             ignore_index=True)


def _fill_task_fields(frame: pd.DataFrame, cols: list[str], task_labels: TaskLabels | None) -> None:
    """Missing rows lack sample metadata: take it from the task's other rows, else ask."""
    for col in cols:
        idx = frame[col].isna()
        if not idx.any():
            continue
        known = frame.dropna(subset=[col]).drop_duplicates(["suite", "task"]).set_index(
            ["suite", "task"])[col]
        keys = list(zip(frame.loc[idx, "suite"], frame.loc[idx, "task"]))
        frame.loc[idx, col] = [known.get(k, _ask(task_labels, k, col)) for k in keys]


def _ask(task_labels: TaskLabels | None, key: tuple[str, str], col: str) -> Any:
    found = task_labels(*key) if task_labels is not None else None
    return (found or {}).get(col, key[0] if col == TASK_TYPE else None)

