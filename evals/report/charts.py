"""Report charts: one function per chart, each writes <out_dir>/<name>.png (dpi 150) and .svg.

Built on matplotlib's object-oriented Figure API (no pyplot), so importing this module never
changes the process-wide backend and no figure lingers in a global registry.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator, NullFormatter

from evals.constants import (
    ESCALATE,
    EXECUTION,
    EXECUTION_DOES_NOT_FIT,
    EXECUTION_FITS,
    NEITHER_RELIABLE,
    PLAN_EXECUTE,
    REASONING,
    REASONING_NEEDED,
    SCOPE_COMPONENTS,
    TAMPERED,
    TASK_TYPE,
    TIERS,
    UNDECIDED,
)
from evals.fmt import interval

# Every colour the charts use, so a tier looks the same on every chart.
COLOURS: dict[str, dict[str, str]] = {
    "tier": {
        EXECUTION: "#1b9e77",  # cheap tier: green
        REASONING: "#7570b3",  # expensive tier: purple
        # the workflows of design section 9, drawn beside the tiers
        PLAN_EXECUTE: "#d95f02",  # orange
        ESCALATE: "#e7298a",  # pink
        "other": "#999999",
    },
    "verdict": {
        EXECUTION_FITS: "#a6dba0",
        REASONING_NEEDED: "#c2a5cf",
        EXECUTION_DOES_NOT_FIT: "#fdb863",
        NEITHER_RELIABLE: "#f4a582",
        UNDECIDED: "#e0e0e0",
        "other": "#ffffff",
    },
    "line": {
        "bar": "#444444",  # the reliability bar
        "frontier": "#222222",
        "caption": "#555555",
        "grid": "#dddddd",
        "text": "#222222",
    },
}

DPI = 150
# a white box behind small labels, so a gridline or the bar line never strikes through them
_LABEL_BOX = {"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none",
              "alpha": 0.85}
_SUITE_MARKERS = ("o", "s", "^", "D", "v", "P")
_SUITE_STYLES = ("-", "--", ":", "-.")


# ---------------------------------------------------------------- shared helpers


def _require(frame: pd.DataFrame, columns: Iterable[str], chart: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{chart}: input frame lacks column(s) {', '.join(missing)}")


def _plain(text: object) -> str:
    """Text shown verbatim: a '$' in a model name or caption must not start mathtext."""
    return str(text).replace("$", r"\$")


def _num(value: object) -> float:
    """A float, NaN for None / non-numbers, so pd.NA, None and NaN all read as missing."""
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return out


def _finite(value: object) -> bool:
    return math.isfinite(_num(value))


def tier_colour(tier: str) -> str:
    return COLOURS["tier"].get(str(tier), COLOURS["tier"]["other"])


def _tiers(values: Iterable[object]) -> list[str]:
    """Known tiers first in a fixed order (so legends line up across charts), then the rest."""
    present = {str(v) for v in values if not pd.isna(v)}
    known = [t for t in TIERS if t in present]
    return known + sorted(present - set(known))


def _ordered(values: Iterable[object]) -> list[str]:
    """Distinct values in first-seen order: the stats module already sorts its rows."""
    return list(dict.fromkeys(str(v) for v in values if not pd.isna(v)))


def _new_figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), facecolor="white")
    FigureCanvasAgg(fig)  # a renderer to measure text with, for placing the caption
    return fig


def _add_caption(fig: Figure, caption: str, width_in: float, gap_in: float = 0.12) -> None:
    """Small grey lines under everything drawn so far; the tight bbox at save time grows the
    canvas to fit. Measured rather than at a fixed spot, so it never lands on an axis label."""
    chars = max(40, int(width_in * 15))  # ~15 characters per inch at 8 pt
    lines = []
    for para in str(caption).splitlines() or [""]:
        lines.extend(textwrap.wrap(para, chars) or [""])
    box = fig.get_tightbbox(fig.canvas.get_renderer())  # inches
    w, h = fig.get_size_inches()
    fig.text(max(0.0, box.x0) / w, (box.y0 - gap_in) / h, _plain("\n".join(lines)),
             ha="left", va="top", fontsize=8, color=COLOURS["line"]["caption"])


def _save(fig: Figure, out_dir: Path | str, name: str, title: str) -> tuple[Path, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    png, svg = out / f"{name}.png", out / f"{name}.svg"
    # svg.fonttype none keeps text as <text> (searchable, smaller); fixed hashsalt and no
    # date make the SVG byte-for-byte reproducible between runs.
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "tierfit"}):
        fig.savefig(png, dpi=DPI, bbox_inches="tight", pad_inches=0.15, facecolor="white")
        fig.savefig(svg, bbox_inches="tight", pad_inches=0.15, facecolor="white",
                    metadata={"Title": title, "Date": None})
    fig.clf()  # the Figure is not registered anywhere; clearing frees its artists now
    return png, svg


def _style_axes(ax: Axes, value_axis: str = "y") -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis=value_axis, color=COLOURS["line"]["grid"], linewidth=0.8)
    ax.set_axisbelow(True)


def _rate_axis(ax: Axes, axis: str, label: str, top: float = 1.0) -> None:
    """A 0..1 share axis with ticks every 0.2 and a little headroom for labels."""
    setter = ax.set_ylim if axis == "y" else ax.set_xlim
    setter(0, top)
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MultipleLocator(0.2))
    target.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.1f}" if v <= 1.0001 else ""))
    (ax.set_ylabel if axis == "y" else ax.set_xlabel)(label)


def _errors(value: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray | None:
    """(2, n) error lengths for errorbar; NaN where no interval. None when nothing to draw.

    Clipped at 0: matplotlib refuses negative lengths, which a point estimate sitting just
    outside its own bootstrap interval would otherwise produce.
    """
    down = np.clip(value - lo, 0, None)
    up = np.clip(hi - value, 0, None)
    if not np.any(np.isfinite(down) | np.isfinite(up)):
        return None
    return np.vstack([down, up])


def _draw_errorbars(ax: Axes, pos: np.ndarray, value: np.ndarray, lo: np.ndarray,
                    hi: np.ndarray, horizontal: bool = False) -> None:
    ok = np.isfinite(value) & np.isfinite(lo) & np.isfinite(hi)
    if not ok.any():
        return
    err = _errors(value[ok], lo[ok], hi[ok])
    if err is None:
        return
    kw = {"fmt": "none", "ecolor": "#222222", "elinewidth": 1.1, "capsize": 3, "zorder": 3}
    if horizontal:
        ax.errorbar(value[ok], pos[ok], xerr=err, **kw)
    else:
        ax.errorbar(pos[ok], value[ok], yerr=err, **kw)


def _col(frame: pd.DataFrame, name: str) -> np.ndarray:
    """A numeric column as floats (NaN where missing); all-NaN if the column is absent."""
    if name not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[name], errors="coerce").astype(float).to_numpy()


def _no_data(ax: Axes, message: str = "no data") -> None:
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
            fontsize=11, color=COLOURS["line"]["caption"])


def _legend_outside(ax: Axes, handles: Sequence[object] | None = None, **kw: object) -> None:
    """Legend right of the plot: bars and points reach 1.0, so inside it would hide data."""
    if handles is None:
        handles, _ = ax.get_legend_handles_labels()
    if not handles:
        return
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
              fontsize=9, **kw)


def _grouped_bars(ax: Axes, frame: pd.DataFrame, group: str, groups: Sequence[str],
                  tiers: Sequence[str], value: str, lo: str | None = None,
                  hi: str | None = None, horizontal: bool = False,
                  count: str | None = None, show_n: bool = True) -> None:
    """One cluster per group, one bar per tier; missing (group, tier) pairs leave a gap.

    `count` names the sample-count column: a zero count marks the bar 'no data'; `show_n`
    also prints the count under the value.
    """
    width = 0.8 / max(2, len(tiers))
    base = np.arange(len(groups), dtype=float)
    rows = frame.drop_duplicates([group, "tier"], keep="last")
    rows = rows.assign(**{group: rows[group].astype(str), "tier": rows["tier"].astype(str)})
    keyed = rows.set_index([group, "tier"])
    for i, tier in enumerate(tiers):
        pos = base + (i - (len(tiers) - 1) / 2) * width
        sub = keyed.reindex(pd.MultiIndex.from_product([groups, [tier]]))
        val = _col(sub, value)
        n = _col(sub, count) if count else np.full(len(groups), np.nan)
        # a rate over zero samples is meaningless even if the stats module wrote 0.0
        empty = ~np.isfinite(val) | (np.isfinite(n) & (n <= 0))
        shown = np.where(empty, 0.0, val)
        bar = ax.barh if horizontal else ax.bar
        bar(pos, shown, width * 0.92, color=tier_colour(tier), edgecolor="white",
            linewidth=0.6, zorder=2)
        if lo and hi:
            _draw_errorbars(ax, pos, np.where(empty, np.nan, val), _col(sub, lo),
                            _col(sub, hi), horizontal=horizontal)
        tops = np.where(np.isfinite(_col(sub, hi)), _col(sub, hi), shown) if hi else shown
        for j, (p, v, top, k, gone) in enumerate(zip(pos, val, tops, n, empty)):
            if gone and (groups[j], tier) not in keyed.index:
                continue  # tier not measured on this group at all: a plain gap says so
            text = "no data" if gone else f"{v:.2f}"
            if show_n and np.isfinite(k) and not gone:
                text += f"\nn={int(k)}"
            at = 0.0 if gone else max(top, v)
            if horizontal:
                ax.text(at + 0.01, p, text, va="center", ha="left", fontsize=7,
                        color=COLOURS["line"]["text"], bbox=_LABEL_BOX, zorder=4)
            else:
                ax.text(p, at + 0.015, text, ha="center", va="bottom", fontsize=7,
                        color=COLOURS["line"]["text"], rotation=90 if gone else 0,
                        bbox=_LABEL_BOX, zorder=4)
    if horizontal:
        ax.set_yticks(base, groups)
    else:
        ax.set_xticks(base, groups)
        ax.set_xlim(-0.6, len(groups) - 0.4)


def _tier_handles(tiers: Sequence[str]) -> list[Patch]:
    return [Patch(facecolor=tier_colour(t), label=f"{t} tier") for t in tiers]


# ---------------------------------------------------------------- 1. accept by task type


def accept_by_type(summary: pd.DataFrame, out_dir: Path | str, caption: str,
                   bar: float = 0.8) -> tuple[Path, Path]:
    """Grouped bars: accept rate per task type (x) and tier (bars), 95% intervals, the bar line."""
    _require(summary, [TASK_TYPE, "tier", "accept", "accept_lo", "accept_hi"], "accept_by_type")
    title = "Accepted changes by task type and tier"
    suites, tiers = _ordered(summary[TASK_TYPE]), _tiers(summary["tier"])
    width = max(6.5, 1.2 + 0.55 * len(suites) * max(1, len(tiers)))
    fig = _new_figure(width, 4.6)
    ax = fig.add_subplot()
    _style_axes(ax)
    if suites and tiers:
        _grouped_bars(ax, summary, TASK_TYPE, suites, tiers, "accept", "accept_lo", "accept_hi",
                      count="samples" if "samples" in summary.columns else None)
    else:
        _no_data(ax)
        ax.set_xticks([])
    ax.axhline(bar, color=COLOURS["line"]["bar"], linestyle="--", linewidth=1.2, zorder=1)
    handles = _tier_handles(tiers) + [
        Line2D([], [], color=COLOURS["line"]["bar"], linestyle="--",
               label=f"reliability bar ({bar:.2f})"),
        Line2D([], [], color="#222222", marker="|", linestyle="-", markersize=8,
               label="95% interval"),
    ]
    _rate_axis(ax, "y", "accepted (correct and in scope),\nshare of samples", top=1.18)
    ax.set_xlabel("task type")
    ax.set_title(title, fontsize=12, loc="left")
    _legend_outside(ax, handles)
    _add_caption(fig, caption, width)
    return _save(fig, out_dir, "accept_by_type", title)


# ---------------------------------------------------------------- 2. cost vs accept


def pareto_frontier(cost: np.ndarray, accept: np.ndarray) -> np.ndarray:
    """Boolean mask: no other point is at most as costly and at least as accepted, one strictly."""
    c, a = cost[:, None], accept[:, None]
    dominated = (cost[None, :] <= c) & (accept[None, :] >= a) & (
        (cost[None, :] < c) | (accept[None, :] > a))
    return ~dominated.any(axis=1)


def _label_offsets(accept: np.ndarray) -> list[tuple[int, int]]:
    """Alternate label sides by accept rank so neighbouring points do not stack their names."""
    offsets: list[tuple[int, int]] = [(6, 5)] * len(accept)
    for rank, i in enumerate(np.argsort(accept, kind="stable")):
        offsets[int(i)] = (6, 5) if rank % 2 == 0 else (6, -11)
    return offsets


# how a legend names a group of points: a tier, or a workflow of design section 9
GROUP_LABELS = {PLAN_EXECUTE: "plan_execute (reasoning plans,\nexecution implements)",
                ESCALATE: "escalate (execution first,\nreasoning on failing tests)"}


def _group_label(tier: str) -> str:
    return GROUP_LABELS.get(tier, f"{tier} tier")


def cost_vs_accept(summary: pd.DataFrame, out_dir: Path | str, caption: str,
                   name: str = "cost_vs_accept",
                   title: str = "Cost per accepted change vs accept rate, per model"
                   ) -> tuple[Path, Path]:
    """Scatter: cost per accepted change (log x) vs accept rate, per model (or workflow pair,
    coloured by its workflow), with the frontier."""
    _require(summary, ["model_name", "tier", "accept", "accept_lo", "accept_hi",
                       "cost_per_accepted"], name)
    cost, acc = _col(summary, "cost_per_accepted"), _col(summary, "accept")
    names = summary["model_name"].astype(str).to_numpy()
    tiers_all = summary["tier"].astype(str).to_numpy()
    left_out = []
    for who, c, a in zip(names, cost, acc):
        if not np.isfinite(a):
            left_out.append(f"{who} (no scored samples)")
        elif np.isnan(c):
            left_out.append(f"{who} (cost unknown)")
        elif np.isinf(c):
            left_out.append(f"{who} (no accepted change)")
    keep = np.isfinite(cost) & np.isfinite(acc) & (cost >= 0)
    free = keep & (cost == 0)
    paid = cost[keep & ~free]
    # zero cost cannot sit on a log axis: put it a bit left of the cheapest paid model
    floor = float(paid.min()) / 4 if paid.size else 1e-3
    x = np.where(free, floor, cost)

    fig = _new_figure(8.0, 5.0)
    ax = fig.add_subplot()
    _style_axes(ax, "both")
    ax.set_xscale("log")
    tiers = _tiers(tiers_all[keep])
    if keep.any():
        xs, ys = x[keep], acc[keep]
        lo, hi = _col(summary, "accept_lo")[keep], _col(summary, "accept_hi")[keep]
        kept_tiers, kept_names, kept_free = tiers_all[keep], names[keep], free[keep]
        for tier in tiers:
            m = kept_tiers == tier
            ax.scatter(xs[m], ys[m], s=55, color=tier_colour(tier), edgecolor="white",
                       linewidth=0.8, zorder=4)
            ok = m & np.isfinite(lo) & np.isfinite(hi)
            err = _errors(ys[ok], lo[ok], hi[ok]) if ok.any() else None
            if err is not None:
                ax.errorbar(xs[ok], ys[ok], yerr=err, fmt="none", ecolor=tier_colour(tier),
                            elinewidth=1.2, capsize=3, zorder=3)
        for xi, yi, who, is_free, off in zip(xs, ys, kept_names, kept_free,
                                              _label_offsets(ys)):
            ax.annotate(_plain(who + (" (free)" if is_free else "")), (xi, yi),
                        xytext=off, textcoords="offset points", fontsize=8,
                        color=COLOURS["line"]["text"], bbox=_LABEL_BOX, zorder=5)
        front = pareto_frontier(xs, ys)
        order = np.argsort(xs[front], kind="stable")
        fx, fy = xs[front][order], ys[front][order]
        ax.step(fx, fy, where="post", color=COLOURS["line"]["frontier"], linewidth=1.3,
                linestyle="-", alpha=0.7, zorder=2)
        # room right of the last point for its name; whole decades so a labelled tick shows
        ax.set_xlim(10 ** math.floor(math.log10(xs.min() / 2.5)),
                    10 ** math.ceil(math.log10(xs.max() * 4)))
        if kept_free.any():
            ax.axvline(floor, color=COLOURS["line"]["grid"], linestyle=":", zorder=1)
    else:
        ax.set_xlim(1e-3, 1)
        _no_data(ax, "no model with a known, finite cost per accepted change")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    _rate_axis(ax, "y", "accepted (correct and in scope),\nshare of samples", top=1.05)
    ax.set_xlabel("cost per accepted change (USD, log scale; all spend / accepted)")
    ax.set_title(title, fontsize=12, loc="left")
    handles = [Line2D([], [], marker="o", linestyle="", color=tier_colour(t),
                      label=_group_label(t)) for t in tiers]
    handles.append(Line2D([], [], color=COLOURS["line"]["frontier"], alpha=0.7,
                          label="Pareto frontier\n(no other model both\ncheaper and more accepted)"))
    handles.append(Line2D([], [], color="#555555", marker="|", markersize=8,
                          label="95% interval"))
    _legend_outside(ax, handles)
    full = caption
    if left_out:
        full += "\nNot plotted: " + "; ".join(left_out) + "."
    _add_caption(fig, full, 8.0)
    return _save(fig, out_dir, name, title)


# ---------------------------------------------------------------- 3. scope breakdown


def scope_breakdown(breakdown: pd.DataFrame, out_dir: Path | str, caption: str) -> tuple[Path, Path]:
    """Horizontal grouped bars: share of samples where each scope component fired, per tier."""
    _require(breakdown, ["tier", "component", "rate"], "scope_breakdown")
    title = "Scope deviations by kind and tier"
    present = _ordered(breakdown["component"])
    labels = {**SCOPE_COMPONENTS, TAMPERED: "tampered with its own judging"}
    comps = [c for c in labels if c in present] + [c for c in present if c not in labels]
    tiers = _tiers(breakdown["tier"])
    height = max(2.6, 1.3 + 0.32 * len(comps) * max(1, len(tiers)))
    fig = _new_figure(8.5, height)
    ax = fig.add_subplot()
    _style_axes(ax, "x")
    if comps and tiers:
        frame = breakdown.assign(component=breakdown["component"].astype(str))
        _grouped_bars(ax, frame, "component", comps, tiers, "rate", horizontal=True,
                      count="n" if "n" in frame.columns else None, show_n=False)
        ax.set_yticks(np.arange(len(comps)), [labels.get(c, c.replace("_", " "))
                                              for c in comps], fontsize=9)
        ax.set_ylim(len(comps) - 0.5, -0.5)  # first component on top, in the listed order
    else:
        _no_data(ax)
        ax.set_yticks([])
    _rate_axis(ax, "x", "share of samples where this happened (0-1)", top=1.1)
    ax.set_title(title, fontsize=12, loc="left")
    handles = []
    for t in tiers:
        n = _col(breakdown[breakdown["tier"].astype(str) == t], "n")
        n = n[np.isfinite(n)]
        label = f"{t} tier"
        if n.size and np.all(n == n[0]):
            label += f" (n={int(n[0])})"  # one count per tier: say it once, here
        handles.append(Patch(facecolor=tier_colour(t), label=label))
    _legend_outside(ax, handles)
    _add_caption(fig, caption, 8.5)
    return _save(fig, out_dir, "scope_breakdown", title)


# ---------------------------------------------------------------- 4. verdict matrix


def _note_text(verdict: str, more: object, reas_measured: bool = True) -> str:
    if verdict != UNDECIDED:
        return ""
    if _finite(more) and _num(more) > 0:
        return f"needs ~{round(_num(more))} more samples"
    if not reas_measured:
        return "reasoning tier not measured"
    return "needs more samples"


def verdict_matrix(verdicts: pd.DataFrame, out_dir: Path | str, caption: str) -> tuple[Path, Path]:
    """A table: per task type the verdict (coloured cell) and both tiers' accept rates with CIs."""
    _require(verdicts, [TASK_TYPE, "verdict", "exec_accept", "exec_lo", "exec_hi"],
             "verdict_matrix")
    title = "Which tier reliably fits each task type"
    headers = ["task type", "verdict", "execution tier\naccept [95% CI]",
               "reasoning tier\naccept [95% CI]", "note"]
    widths = [1.7, 1.8, 1.9, 1.9, 2.1]  # inches; the axes is laid out 1 data unit = 1 inch
    rows = []
    for r in verdicts.to_dict("records"):
        verdict = str(r.get("verdict"))
        rows.append([str(r.get(TASK_TYPE)), verdict,
                     interval(r.get("exec_accept"), r.get("exec_lo"), r.get("exec_hi")),
                     interval(r.get("reas_accept"), r.get("reas_lo"), r.get("reas_hi")),
                     _note_text(verdict, r.get("more_samples"), _finite(r.get("reas_accept")))])
    total_w, row_h, head_h = sum(widths), 0.42, 0.55
    total_h = head_h + row_h * max(1, len(rows))
    fig = _new_figure(total_w, total_h + 0.2)
    ax = fig.add_axes((0, 0, 1, total_h / (total_h + 0.2)))
    ax.set_xlim(0, total_w)
    ax.set_ylim(total_h, 0)
    ax.axis("off")
    edges = np.concatenate([[0], np.cumsum(widths)])
    for j, head in enumerate(headers):
        ax.add_patch(Rectangle((edges[j], 0), widths[j], head_h, facecolor="#f2f2f2",
                               edgecolor="white", linewidth=1.5))
        ax.text(edges[j] + 0.08, head_h / 2, head, ha="left", va="center", fontsize=9,
                fontweight="bold", color=COLOURS["line"]["text"])
    if not rows:
        ax.text(total_w / 2, head_h + row_h / 2, "no task types measured", ha="center",
                va="center", fontsize=10, color=COLOURS["line"]["caption"])
    for i, row in enumerate(rows):
        y = head_h + i * row_h
        for j, cell in enumerate(row):
            fill = (COLOURS["verdict"].get(cell, COLOURS["verdict"]["other"]) if j == 1
                    else ("#fafafa" if i % 2 else "white"))
            ax.add_patch(Rectangle((edges[j], y), widths[j], row_h, facecolor=fill,
                                   edgecolor="white", linewidth=1.5))
            muted = cell == "not measured" or j == 4
            ax.text(edges[j] + 0.08, y + row_h / 2, _plain(cell), ha="left", va="center",
                    fontsize=9.5 if j < 2 else 9, fontweight="bold" if j == 1 else "normal",
                    color=COLOURS["line"]["caption"] if muted else COLOURS["line"]["text"])
    ax.set_title(title, fontsize=12, loc="left", pad=8)
    _add_caption(fig, caption, total_w)
    return _save(fig, out_dir, "verdict_matrix", title)


# ---------------------------------------------------------------- 5. pass^k


def pass_k(curve: pd.DataFrame, out_dir: Path | str, caption: str) -> tuple[Path, Path]:
    """Lines: pass^k against k, one per tier (x suite when several suites)."""
    _require(curve, ["tier", "k", "pass_k"], "pass_k")
    title = "Reliability over repeated trials (pass^k)"
    data = curve.assign(k=_col(curve, "k"), pass_k=_col(curve, "pass_k"))
    data = data[np.isfinite(data["k"]) & np.isfinite(data["pass_k"])]
    suites = _ordered(data[TASK_TYPE]) if TASK_TYPE in data.columns else []
    several = len(suites) > 1
    if len(suites) == 1:
        title += f": {suites[0]}"
    tiers = _tiers(data["tier"])
    fig = _new_figure(7.5, 4.6)
    ax = fig.add_subplot()
    _style_axes(ax, "both")
    for ti, tier in enumerate(tiers):
        for si, suite in enumerate(suites if several else [None]):
            m = data["tier"].astype(str) == tier
            if suite is not None:
                m &= data[TASK_TYPE].astype(str) == suite
            part = data[m].sort_values("k")
            if part.empty:
                continue
            label = f"{tier} tier" + (f", {suite}" if suite is not None else "")
            ax.plot(part["k"], part["pass_k"], color=tier_colour(tier),
                    linestyle=_SUITE_STYLES[si % len(_SUITE_STYLES)],
                    marker=_SUITE_MARKERS[si % len(_SUITE_MARKERS)], markersize=6,
                    linewidth=1.8, label=_plain(label), zorder=3)
    if data.empty:
        _no_data(ax)
        ax.set_xticks([])
    else:
        ks = np.unique(data["k"].to_numpy())
        ax.set_xlim(ks.min() - 0.3, ks.max() + 0.3)
        if ks.size <= 15:
            ax.set_xticks(ks, [str(int(k)) for k in ks])
        else:
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("k (number of independent trials of the same task)")
    _rate_axis(ax, "y", "pass^k: chance all k trials succeed", top=1.03)
    ax.set_title(title, fontsize=12, loc="left")
    _legend_outside(ax)
    _add_caption(fig, caption, 7.5)
    return _save(fig, out_dir, "pass_k", title)


# ---------------------------------------------------------------- 6. edition comparison


def edition_comparison(summary: pd.DataFrame, out_dir: Path | str, caption: str,
                       bar: float | None = 0.8) -> tuple[Path, Path]:
    """Grouped bars per tier-list edition, one panel per task type, with 95% intervals."""
    _require(summary, ["edition", "tier", TASK_TYPE, "accept", "accept_lo", "accept_hi"],
             "edition_comparison")
    title = "Accept rate across tier-list editions"
    editions = sorted(_ordered(summary["edition"]))  # "2026-H1" < "2026-H2": sorts by time
    suites, tiers = _ordered(summary[TASK_TYPE]), _tiers(summary["tier"])
    panels = max(1, len(suites))
    ncols = min(panels, 3)
    nrows = math.ceil(panels / ncols)
    panel_w = max(3.2, 0.8 + 0.5 * len(editions) * max(1, len(tiers)))
    width, height = panel_w * ncols + 1.6, 3.8 * nrows + 0.6
    fig = _new_figure(width, height)
    axes = fig.subplots(nrows, ncols, squeeze=False, sharey=True)
    for idx, ax in enumerate(axes.flat):
        if idx >= panels:
            ax.set_visible(False)
            continue
        _style_axes(ax)
        suite = suites[idx] if suites else None
        part = summary if suite is None else summary[summary[TASK_TYPE].astype(str) == suite]
        if editions and tiers and not part.empty:
            _grouped_bars(ax, part.assign(edition=part["edition"].astype(str)), "edition",
                          editions, tiers, "accept", "accept_lo", "accept_hi")
        else:
            _no_data(ax)
            ax.set_xticks([])
        if bar is not None:
            ax.axhline(bar, color=COLOURS["line"]["bar"], linestyle="--", linewidth=1.2,
                       zorder=1)
        _rate_axis(ax, "y", "accepted (correct and in scope),\nshare of samples"
                   if idx % ncols == 0 else "", top=1.15)
        if idx % ncols:
            ax.tick_params(labelleft=False)
        ax.set_xlabel("tier-list edition")
        ax.set_title(_plain(f"task type: {suite}") if suite else "", fontsize=10, loc="left")
    fig.suptitle(title, fontsize=12, x=0.02, ha="left")
    handles: list[object] = list(_tier_handles(tiers))
    if bar is not None:
        handles.append(Line2D([], [], color=COLOURS["line"]["bar"], linestyle="--",
                              label=f"reliability bar ({bar:.2f})"))
    handles.append(Line2D([], [], color="#222222", marker="|", markersize=8,
                          label="95% interval"))
    _legend_outside(axes.flat[min(ncols, panels) - 1], handles)
    fig.tight_layout()
    _add_caption(fig, caption, width)
    return _save(fig, out_dir, "edition_comparison", title)


# ---------------------------------------------------------------- 7. mutation scores


MUTATION_KINDS = {"mutation_score": "planted mutants (the verdict's)",
                  "library_mutation_score": "library-generated mutants (second score)"}


def mutation_scores(samples: pd.DataFrame, out_dir: Path | str,
                    caption: str) -> tuple[Path, Path]:
    """Box plots with every sample as a point: the share of mutants a model's tests killed, per
    tier, for the planted mutants and (where run) the library-generated ones. Invalid tests kill
    nothing by definition and sit at 0."""
    _require(samples, ["tier", "mutation_score"], "mutation_scores")
    title = "Test writing: share of mutants killed, per tier"
    kinds = [k for k in MUTATION_KINDS if k in samples.columns
             and np.isfinite(_col(samples, k)).any()]
    tiers = _tiers(samples["tier"])
    fig = _new_figure(7.5, 4.4)
    ax = fig.add_subplot()
    _style_axes(ax, "y")
    width = min(0.35, 0.8 / max(1, len(kinds)))
    rng = np.random.default_rng(0)  # point jitter only, fixed so charts are reproducible
    ticks, labels = [], []
    for ti, tier in enumerate(tiers):
        part = samples[samples["tier"].astype(str) == tier]
        counts = []
        for ki, kind in enumerate(kinds):
            values = _col(part, kind)
            values = values[np.isfinite(values)]
            counts.append(str(values.size))
            pos = ti + (ki - (len(kinds) - 1) / 2) * width * 1.15
            if values.size == 0:
                continue
            box = ax.boxplot([values], positions=[pos], widths=width * 0.8, patch_artist=True,
                             showfliers=False, medianprops={"color": "#222222"})
            for patch in box["boxes"]:
                patch.set_facecolor(tier_colour(tier))
                patch.set_alpha(0.35 if ki else 0.75)
                patch.set_hatch("//" if ki else "")
            ax.scatter(pos + rng.uniform(-width * 0.25, width * 0.25, values.size), values,
                       s=18, color=tier_colour(tier), edgecolor="#222222", linewidth=0.5,
                       zorder=3)
        ticks.append(ti)
        labels.append(f"{tier} tier\nn = {' / '.join(counts)}")
    if not tiers or not kinds:
        _no_data(ax)
    ax.set_xticks(ticks, labels)
    ax.set_xlim(-0.6, max(0, len(tiers) - 1) + 0.6)
    _rate_axis(ax, "y", "share of mutants the tests killed (0-1)", top=1.05)
    ax.set_title(title, fontsize=12, loc="left")
    _legend_outside(ax, [Patch(facecolor="#888888", alpha=0.75 if i == 0 else 0.35,
                               hatch="//" if i else "", label=MUTATION_KINDS[k])
                         for i, k in enumerate(kinds)])
    _add_caption(fig, caption, 7.5)
    return _save(fig, out_dir, "mutation_scores", title)


# ---------------------------------------------------------------- 9. the premise as experiments

_CLARITY_PANELS = (("deviated", "deviation"), ("accepted", "accept"))


def clarity(summary: pd.DataFrame, diffs: pd.DataFrame, out_dir: Path | str,
            caption: str) -> tuple[Path, Path]:
    """Design section 9's first experiment: deviated and accepted shares per tier, asked the
    scoped ticket and the brief (bars with 95% intervals), and the paired difference scoped
    minus brief per tier (points with 95% intervals; a tier a clear ticket contains sits left
    of zero on deviation)."""
    _require(summary, [TASK_TYPE, "tier", "clarity", "accept", "accept_lo", "accept_hi",
                       "deviation", "deviation_lo", "deviation_hi"], "clarity")
    title = "Scoped ticket against brief, per tier"
    cells = summary.assign(cell=summary[TASK_TYPE].astype(str) + "\n"
                           + summary["clarity"].astype(str))
    groups = _ordered(cells.sort_values([TASK_TYPE, "clarity"], key=lambda s: s.map(
        {"scoped": 0, "brief": 1}) if s.name == "clarity" else s, kind="stable")["cell"])
    tiers = _tiers(summary["tier"])
    width = max(11.0, 4.0 + 1.1 * len(groups) * max(1, len(tiers)))
    fig = _new_figure(width, 4.4)
    axes = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 1, 0.8]})
    for ax, (label, col) in zip(axes[:2], _CLARITY_PANELS):
        _style_axes(ax)
        if groups and tiers:
            _grouped_bars(ax, cells, "cell", groups, tiers, col, f"{col}_lo", f"{col}_hi",
                          count="samples", show_n=False)
        else:
            _no_data(ax)
        _rate_axis(ax, "y", f"{label}, share of samples", top=1.18)
        ax.set_title(label, fontsize=10, loc="left")
    ax = axes[2]
    _style_axes(ax, "x")
    dev = diffs[diffs["value"] == "deviated"] if not diffs.empty else diffs
    if not dev.empty:
        labels = [f"{r[TASK_TYPE]} · {r['tier']}" for r in dev.to_dict("records")]
        pos = np.arange(len(labels), dtype=float)
        val, lo, hi = _col(dev, "diff"), _col(dev, "diff_lo"), _col(dev, "diff_hi")
        for p, v, t in zip(pos, val, dev["tier"].astype(str)):
            ax.scatter([v], [p], s=45, color=tier_colour(t), zorder=4)
        _draw_errorbars(ax, pos, val, lo, hi, horizontal=True)
        ax.set_yticks(pos, labels, fontsize=8)
        ax.set_ylim(-0.7, len(labels) - 0.3)
    else:
        _no_data(ax, "no task asked both ways")
        ax.set_yticks([])
    ax.axvline(0, color=COLOURS["line"]["bar"], linewidth=1.0, zorder=1)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("deviated: scoped − brief\n(below 0: the scoped ticket contains)")
    ax.set_title("paired difference", fontsize=10, loc="left")
    fig.suptitle(title, x=0.01, ha="left", fontsize=12)
    handles = _tier_handles(tiers) + [Line2D([], [], color="#222222", marker="|",
                                             linestyle="-", markersize=8,
                                             label="95% interval")]
    _legend_outside(ax, handles)
    fig.tight_layout()
    _add_caption(fig, caption, width)
    return _save(fig, out_dir, "clarity", title)
