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
    BRIEF,
    ERROR,
    EXCESS_BAR,
    MISSING,
    OK,
    SCOPE_COMPONENTS,
    SCOPED,
    SOLO,
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
    pairs = sorted(frame.loc[~frame["tier"].isin(TIERS), "model_name"].dropna().unique())
    if pairs:
        parts.append(f"workflows: {', '.join(pairs)}")
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
    # the tiers' verdicts are about each model alone, asked one way (design section 9): the
    # experiments' other samples have sections of their own
    main, asked = stats.main_rows(frame)
    by_tier = stats.summarize(main, [TASK_TYPE, "tier"], **kw)
    by_model = stats.summarize(main, [TASK_TYPE, "tier", "model_name"], **kw)
    by_diff = stats.summarize(main, [TASK_TYPE, "tier", "difficulty"], **kw)
    verdicts = stats.verdicts(main, bar=opts.bar, margin=opts.margin, **kw)
    paired = stats.paired_difference(main, **kw)
    curve = stats.pass_k_curve(main, [TASK_TYPE, "tier"])
    scope = stats.scope_rates(main, ["tier"])
    caption = _models_caption(frame)
    experiments = _experiments(frame, chart_dir, caption, kw)

    made = [] if main.empty else [  # no model alone: no tier charts (the report says so)
        charts.verdict_matrix(verdicts, chart_dir, caption),
        charts.accept_by_type(by_tier, chart_dir, caption, bar=opts.bar),
        charts.cost_vs_accept(by_model, chart_dir, caption),
        charts.scope_breakdown(scope, chart_dir, caption),
        charts.pass_k(curve, chart_dir, caption)]
    if _has_mutation_scores(main):
        made.append(charts.mutation_scores(main[main["status"] == OK], chart_dir, caption))
    editions = sorted(frame["edition"].dropna().unique())
    if len(editions) > 1:
        by_edition = stats.summarize(main, ["edition", TASK_TYPE, "tier"], **kw)
        made.append(charts.edition_comparison(by_edition, chart_dir, caption))
    made += experiments.charts
    for pair in made:
        files += list(pair)

    blocks = _blocks(frame, lf, opts, by_tier, by_model, by_diff, verdicts, paired, curve, scope,
                     editions, title, main, asked, experiments.blocks)
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
        "experiments": {k: t.to_dict("records") for k, t in experiments.tables.items()},
    }, indent=2, default=_json_default), encoding="utf-8")
    files += [md, page, summary]
    return ReportResult(out_dir, files, len(frame), lf.skipped)


@dataclass
class Experiments:
    """The report's sections on the premise as experiments (design section 9)."""

    blocks: list[Block] = field(default_factory=list)
    charts: list[tuple[Path, Path]] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)  # for summary.json


_VALUE_NAMES = {"correct": "correct", "accepted": "accepted", "deviated": "deviated"}


def _experiments(frame: pd.DataFrame, chart_dir: Path, caption: str, kw: dict) -> Experiments:
    out = Experiments()
    solo = stats.solo_rows(frame)
    if {SCOPED, BRIEF} <= set(solo["clarity"]):
        _clarity_section(solo, frame, chart_dir, caption, kw, out)
    if (frame["workflow"] != SOLO).any():
        _workflow_section(frame, chart_dir, caption, kw, out)
    return out


def _clarity_section(solo: pd.DataFrame, frame: pd.DataFrame, chart_dir: Path, caption: str,
                     kw: dict, out: Experiments) -> None:
    by = stats.summarize(solo, [TASK_TYPE, "tier", "clarity"], **kw)
    by = by.sort_values([TASK_TYPE, "tier", "clarity"], key=lambda c: c.map(
        {SCOPED: 0, BRIEF: 1}) if c.name == "clarity" else c, kind="stable")
    diffs = stats.clarity_differences(frame, **kw)
    inter = stats.clarity_interaction(frame, **kw)
    out.charts.append(charts.clarity(by, diffs, chart_dir, caption))
    out.tables.update(clarity=by, clarity_differences=diffs, clarity_interaction=inter)
    table = pd.DataFrame([{
        "task type": r[TASK_TYPE], "tier": r["tier"], "asked": r["clarity"],
        "samples": int(r["samples"]), "errors": int(r["errors"]),
        "correct": interval(r["pass1"], r["pass1_lo"], r["pass1_hi"]),
        "accepted": interval(r["accept"], r["accept_lo"], r["accept_hi"]),
        "deviated": interval(r["deviation"], r["deviation_lo"], r["deviation_hi"]),
        "cost / accepted": _per_accepted(r["cost_per_accepted"], r["accept"]),
    } for r in by.to_dict("records")])
    b = [Block("h2", "Clarity: scoped ticket against brief"),
         Block("p", "Each model was asked every task twice: its scoped ticket (acceptance "
                    "criteria, out-of-scope list) and its brief (the same request as a busy "
                    "person writes it), judged by the same hidden tests and scope. The premise: "
                    "containment needs both a clear ticket and a constrained model."),
         Block("table", table=table)]
    if not diffs.empty:
        wide = diffs.assign(cell=[interval(d, lo, hi, signed=True) for d, lo, hi in
                                  zip(diffs["diff"], diffs["diff_lo"], diffs["diff_hi"])])
        piv = wide.pivot_table(index=[TASK_TYPE, "tier", "tasks"], columns="value",
                               values="cell", aggfunc="first").reset_index()
        piv = piv[[TASK_TYPE, "tier", "tasks", *(v for v in _VALUE_NAMES if v in piv.columns)]]
        piv = piv.rename(columns={TASK_TYPE: "task type", **{
            v: f"{n}: scoped − brief" for v, n in _VALUE_NAMES.items()}})
        b += [Block("p", "Paired difference per tier, scoped minus brief, over the tasks asked "
                         "both ways (a task's two samples from the same model and epoch; 95% "
                         "bootstrap intervals over tasks). Below zero on deviated: the scoped "
                         "ticket kept that tier in scope more often."),
              Block("table", table=piv)]
    if not inter.empty:
        b += [Block("p", "Interaction: the reasoning tier's (scoped − brief) minus the execution "
                         "tier's, over tasks both tiers ran both ways. On deviated, below zero "
                         "means a scoped ticket cuts the reasoning tier's deviation more than "
                         "the execution tier's; an interval that excludes zero says so at 95%."),
              Block("table", table=pd.DataFrame([{
                  "task type": r[TASK_TYPE], "rate": r["value"], "tasks": int(r["tasks"]),
                  "interaction (reasoning − execution)": interval(
                      r["interaction"], r["lo"], r["hi"], signed=True)}
                  for r in inter.to_dict("records")]))]
    else:
        b.append(Block("p", "No interaction: it needs both tiers asked both ways on a task."))
    b.append(Block("chart", "deviated and accepted shares per tier, scoped against brief",
                   chart="clarity"))
    out.blocks += b


def _workflow_section(frame: pd.DataFrame, chart_dir: Path, caption: str, kw: dict,
                      out: Experiments) -> None:
    summary = stats.workflow_summary(frame, **kw)
    out.tables["workflows"] = summary
    table = pd.DataFrame([{
        "task type": r[TASK_TYPE], "asked": r["clarity"], "workflow": r["workflow"],
        "models": r["model_name"], "samples": int(r["samples"]),
        "errors": int(r["errors"]),
        "accepted": interval(r["accept"], r["accept_lo"], r["accept_hi"]),
        "deviated": interval(r["deviation"], r["deviation_lo"], r["deviation_hi"]),
        "correct": interval(r["pass1"], r["pass1_lo"], r["pass1_hi"]),
        "cost / accepted": _per_accepted(r["cost_per_accepted"], r["accept"]),
        "escalated": "" if pd.isna(r["escalated"]) else pct(r["escalated"]),
    } for r in summary.to_dict("records")])
    out.charts.append(charts.cost_vs_accept(
        summary, chart_dir, caption, name="workflows_cost_vs_accept",
        title="Workflows against each model alone: cost per accepted change vs accept rate"))
    roles = [c for c in frame.columns if c.endswith("_cost_usd") and c not in (
        "cost_usd", "judge_cost_usd", "inspect_cost_usd")]
    spend = (frame[frame["workflow"] != SOLO].groupby(["workflow", "model_name"])[roles]
             .sum(min_count=1).reset_index() if roles else pd.DataFrame())
    b = [Block("h2", "Workflows"),
         Block("p", "Each workflow pair beside each model alone, asked the same way. "
                    "plan_execute: the reasoning model (first name) turns the request into a "
                    "plan, the execution model implements it, and only its change is scored. "
                    "escalate: the execution model (first name) answers; when the repo's visible "
                    "tests then fail, the reasoning model takes over. Cost counts every call of "
                    "both models; cost per accepted change is all spend over accepted changes."),
         Block("table", table=table),
         Block("chart", "cost per accepted change against accepted share, workflows as points",
               chart="workflows_cost_vs_accept")]
    if not spend.empty:
        b += [Block("p", "Spend by model role (USD, all samples of each workflow pair):"),
              Block("table", table=spend.assign(**{c: spend[c].map(usd) for c in roles}).rename(
                  columns={"model_name": "models",
                           **{c: c.removesuffix("_cost_usd") for c in roles}}))]
    out.blocks += b


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
            editions: list[str], title: str, main: pd.DataFrame, asked: str,
            experiments: list[Block]) -> list[Block]:
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
        *([Block("p", f"Verdicts and the tier tables below are over the {len(main)} samples of "
                      f"each model alone asked the {asked} request; the clarity and workflow "
                      f"experiments have their own sections.")] if len(main) < len(frame)
          and not main.empty else []),
    ]
    if main.empty:  # only workflows ran: no model alone, so no tier verdict
        return b + [Block("p", "No model ran alone (workflow=solo), so this report gives no "
                               "tier verdicts; run the workflows with solo, or report them with "
                               "a run that has it (report.run=all).")] + experiments \
            + _problems(frame, lf)
    b.append(Block("h2", "Verdicts by task type"))
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
    b += experiments
    for suite, tables in sorted(opts.suite_tables.items()):
        own = main[main["suite"] == suite]
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
    return b + _problems(frame, lf)


def _problems(frame: pd.DataFrame, lf: LoadedFrame) -> list[Block]:
    """The report's last section: samples that errored or never ran, logs skipped."""
    b: list[Block] = []
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
