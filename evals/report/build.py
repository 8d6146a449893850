"""`python -m evals report` / `publish`: the samples frame -> statistics -> charts -> report files."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from evals.constants import (
    ERROR,
    EXCESS_BAR,
    MISSING,
    OK,
    SCOPE_COMPONENTS,
    TAMPERED,
    TASK_TYPE,
    TIERS,
)
from evals.errors import ReportError
from evals.fmt import interval, pct, usd
from evals.report import charts, stats
from evals.report.frame import LoadedFrame, TaskLabels, load_frame
from evals.report.render import Block, to_html, to_markdown

# a suite's own tables for its rows of the frame: suite name -> frame -> [(heading, table)]
SuiteTables = Callable[[pd.DataFrame], list[tuple[str, pd.DataFrame]]]


@dataclass(frozen=True)
class ReportOptions:
    """How the report judges (all from the `report:` config, checked there)."""

    bar: float
    margin: float
    n_boot: int
    seed: int
    suite_tables: dict[str, SuiteTables] = field(default_factory=dict)
    task_labels: TaskLabels | None = None


@dataclass
class ReportResult:
    out_dir: Path
    files: list[Path]
    samples: int
    skipped: list[str]


def _models_caption(frame: pd.DataFrame) -> str:
    parts = []
    for tier in TIERS:
        names = sorted(frame.loc[frame["tier"] == tier, "model_name"].dropna().unique())
        if names:
            parts.append(f"{tier}: {', '.join(names)}")
    ok = int((frame["status"] == OK).sum())
    return f"{'; '.join(parts)} · {ok} scored samples of {len(frame)}"


def build_report(paths: list[Path], out_dir: Path, opts: ReportOptions,
                 title: str = "tierfit report", loaded: LoadedFrame | None = None) -> ReportResult:
    lf = loaded or load_frame(paths, opts.task_labels)
    frame = lf.frame
    if frame.empty:
        raise ReportError(f"no samples found in {', '.join(str(p) for p in paths)}")
    chart_dir = out_dir / "charts"
    try:
        chart_dir.mkdir(parents=True, exist_ok=True)
    except OSError as ex:
        raise ReportError(f"cannot write the report to {out_dir}: {ex.strerror}") from None
    files: list[Path] = []
    parquet = out_dir / "samples.parquet"
    frame.to_parquet(parquet, index=False)
    files.append(parquet)

    kw = {"n_boot": opts.n_boot, "seed": opts.seed}
    by_tier = stats.summarize(frame, [TASK_TYPE, "tier"], **kw)
    by_model = stats.summarize(frame, [TASK_TYPE, "tier", "model_name"], **kw)
    by_diff = stats.summarize(frame, [TASK_TYPE, "tier", "difficulty"], **kw)
    verdicts = stats.verdicts(frame, bar=opts.bar, margin=opts.margin, **kw)
    paired = stats.paired_difference(frame, **kw)
    curve = stats.pass_k_curve(frame, [TASK_TYPE, "tier"])
    scope = stats.scope_rates(frame, ["tier"])
    caption = _models_caption(frame)

    made = [charts.verdict_matrix(verdicts, chart_dir, caption),
            charts.accept_by_type(by_tier, chart_dir, caption, bar=opts.bar),
            charts.cost_vs_accept(by_model, chart_dir, caption),
            charts.scope_breakdown(scope, chart_dir, caption),
            charts.pass_k(curve, chart_dir, caption)]
    if _has_mutation_scores(frame):
        made.append(charts.mutation_scores(frame[frame["status"] == OK], chart_dir, caption))
    editions = sorted(frame["edition"].dropna().unique())
    if len(editions) > 1:
        by_edition = stats.summarize(frame, ["edition", TASK_TYPE, "tier"], **kw)
        made.append(charts.edition_comparison(by_edition, chart_dir, caption))
    for pair in made:
        files += list(pair)

    blocks = _blocks(frame, lf, opts, by_tier, by_model, by_diff, verdicts, paired, curve, scope,
                     editions, title)
    md = out_dir / "report.md"
    md.write_text(to_markdown(blocks), encoding="utf-8")
    page = out_dir / "report.html"
    page.write_text(to_html(blocks, title, chart_dir), encoding="utf-8")
    summary = out_dir / "summary.json"
    summary.write_text(json.dumps({
        "generated": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "runs": sorted(frame["run_id"].unique()), "editions": editions,
        "samples": len(frame), "ok": int((frame["status"] == OK).sum()),
        "errors": int((frame["status"] == ERROR).sum()),
        "missing": int((frame["status"] == MISSING).sum()),
        "skipped_logs": lf.skipped, "bar": opts.bar, "margin": opts.margin,
        "verdicts": verdicts.to_dict("records"),
    }, indent=2, default=_json_default), encoding="utf-8")
    files += [md, page, summary]
    return ReportResult(out_dir, files, len(frame), lf.skipped)


def _has_mutation_scores(frame: pd.DataFrame) -> bool:
    return "mutation_score" in frame.columns and bool(
        pd.to_numeric(frame.loc[frame["status"] == OK, "mutation_score"], errors="coerce")
        .notna().any())


def _json_default(v: object) -> object:
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return None
    if hasattr(v, "item"):
        return v.item()  # numpy scalars
    return str(v)


def _per_accepted(cost: float, accept: float) -> str:
    if accept == 0 or (isinstance(accept, float) and math.isnan(accept)):
        return "none accepted"
    return usd(cost)


def _rates(t: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    rows = []
    for r in t.to_dict("records"):
        rows.append({**{("task type" if k == TASK_TYPE else k): r[k] for k in keys},
                     "samples": int(r["samples"]), "errors": int(r["errors"]),
                     "missing": int(r["missing"]), "tasks": int(r["tasks"]),
                     "pass@1": interval(r["pass1"], r["pass1_lo"], r["pass1_hi"]),
                     "accepted": interval(r["accept"], r["accept_lo"], r["accept_hi"]),
                     "deviated": interval(r["deviation"], r["deviation_lo"], r["deviation_hi"]),
                     "tampered": interval(r["tamper"], r["tamper_lo"], r["tamper_hi"]),
                     "cost / task": usd(r["cost_per_task"]),
                     "cost / accepted": _per_accepted(r["cost_per_accepted"], r["accept"])})
    return pd.DataFrame(rows)


def _bars(frame: pd.DataFrame) -> str:
    """The excess-edit bars the samples were judged with (each run records its own)."""
    bars = sorted(frame[EXCESS_BAR].dropna().unique())
    return ", ".join(f"{b:g}" for b in bars) if bars else "none"


def _blocks(frame: pd.DataFrame, lf: LoadedFrame, opts: ReportOptions, by_tier: pd.DataFrame,
            by_model: pd.DataFrame, by_diff: pd.DataFrame, verdicts: pd.DataFrame,
            paired: pd.DataFrame, curve: pd.DataFrame, scope: pd.DataFrame,
            editions: list[str], title: str) -> list[Block]:
    n_ok = int((frame["status"] == OK).sum())
    n_err = int((frame["status"] == ERROR).sum())
    n_miss = int((frame["status"] == MISSING).sum())
    runs = sorted(frame["run_id"].unique())
    b: list[Block] = [
        Block("h1", title),
        Block("p", f"From {len(frame)} samples ({n_ok} scored, {n_err} errored, {n_miss} never "
                   f"ran) in run(s) {', '.join(runs)}; tier list edition(s) "
                   f"{', '.join(editions)}. Models — {_models_caption(frame)}."),
        *([Block("list", items=tuple(lf.stops))] if lf.stops else []),
        Block("p", f"Rates are over scored samples. Intervals are 95% cluster-bootstrap intervals "
                   f"over tasks (epochs and a tier's models kept together; {opts.n_boot} "
                   f"resamples, seed {opts.seed}). Reliability bar {opts.bar:g}, margin "
                   f"{opts.margin:g}; a change is accepted when it is correct and not deviated "
                   f"(excess-edit bar as each run recorded it: {_bars(frame)})."),
        Block("h2", "Verdicts by task type"),
    ]
    vt = pd.DataFrame([{
        "task type": v[TASK_TYPE], "verdict": v["verdict"],
        "execution accepted": interval(v["exec_accept"], v["exec_lo"], v["exec_hi"]),
        "reasoning accepted": interval(v["reas_accept"], v["reas_lo"], v["reas_hi"]),
        "difference (exec − reas)": interval(v["diff"], v["diff_lo"], v["diff_hi"], signed=True),
        "exec cost / accepted": _per_accepted(v["exec_cost_per_accepted"], v["exec_accept"]),
        "reas cost / accepted": ("not measured" if pd.isna(v["reas_accept"]) else
                                 _per_accepted(v["reas_cost_per_accepted"], v["reas_accept"])),
        "more samples to decide": "" if pd.isna(v["more_samples"])
        else f"~{int(v['more_samples'])}",
    } for v in verdicts.to_dict("records")])
    b += [Block("table", table=vt),
          Block("list", items=tuple(f"{v[TASK_TYPE]}: {v['reason']}"
                                    for v in verdicts.to_dict("records"))),
          Block("chart", "verdict per task type", chart="verdict_matrix")]
    if not paired.empty:
        b += [Block("p", "Paired tier difference over the tasks both tiers ran (execution minus "
                         "reasoning, accepted), with McNemar's exact test on per-task outcomes "
                         "as a cross-check:"),
              Block("table", table=pd.DataFrame([{
                  "task type": p[TASK_TYPE], "tasks": int(p["tasks"]),
                  "difference": interval(p["diff"], p["diff_lo"], p["diff_hi"], signed=True),
                  "McNemar p": f"{p['mcnemar_p']:.3g}"} for p in paired.to_dict("records")]))]
    b += [Block("h2", "By tier"), Block("table", table=_rates(by_tier, [TASK_TYPE, "tier"])),
          Block("chart", "accepted share by task type and tier", chart="accept_by_type"),
          Block("h2", "By model"),
          Block("table", table=_rates(by_model, [TASK_TYPE, "tier", "model_name"])),
          Block("chart", "cost per accepted change against accepted share", chart="cost_vs_accept"),
          Block("h2", "By difficulty"),
          Block("table", table=_rates(by_diff, [TASK_TYPE, "tier", "difficulty"])),
          Block("h2", "Scope deviation"),
          Block("p", "Share of scored samples in which each scope component fired "
                     f"(excess edit: above the bar its run used, {_bars(frame)}), and in which "
                     "the answer tampered with its own judging (never correct)."),
          Block("table", table=scope.pivot_table(index="component", columns="tier", values="rate")
                .reindex([c for c in (*SCOPE_COMPONENTS, TAMPERED)
                          if c in set(scope["component"])])
                .map(pct).reset_index()),
          Block("chart", "scope deviation by component and tier", chart="scope_breakdown")]
    for suite, tables in sorted(opts.suite_tables.items()):
        own = frame[frame["suite"] == suite]
        for heading, table in (tables(own) if not own.empty else []):
            b += [Block("h2", heading), Block("table", table=table)]
        if not own.empty and _has_mutation_scores(own):  # the suite whose samples have them
            b.append(Block("chart", "share of mutants killed per tier", chart="mutation_scores"))
    b += [Block("h2", "Reliability over repeated trials (pass^k)"),
          Block("p", "pass^k: the chance that all k trials of a task succeed (correct), averaged "
                     "over tasks; k up to the epochs run."),
          Block("table", table=curve.rename(columns={TASK_TYPE: "task type"})
                .assign(pass_k=curve["pass_k"].map(pct))),
          Block("chart", "pass^k against k", chart="pass_k")]
    if len(editions) > 1:
        b += [Block("h2", "Tier list editions compared"),
              Block("chart", "accepted share per edition", chart="edition_comparison")]
    b.append(Block("h2", "Errors, missing samples and skipped logs"))
    problems = frame[frame["status"] != OK]
    if problems.empty and not lf.skipped:
        b.append(Block("p", "None: every expected sample ran and was scored."))
    else:
        counts = (problems.assign(reason=problems["error"].fillna("").str.slice(0, 80))
                  .groupby(["run_id", "model_name", "status", "reason"]).size()
                  .rename("samples").reset_index())
        if not counts.empty:
            b.append(Block("table", table=counts))
        if lf.skipped:
            b.append(Block("list", items=tuple(lf.skipped)))
    return b
