"""Statistics for tierfit reports (docs/design.md section 5): rates with cluster-bootstrap and
Wilson intervals, pass^k, paired tier differences with McNemar, cost per accepted change, and a
verdict per task type."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

import numpy as np
import pandas as pd

from evals.constants import (
    BRIEF,
    EXCESS_BAR,
    EXCESS_EDIT,
    EXECUTION,
    EXECUTION_DOES_NOT_FIT,
    EXECUTION_FITS,
    NEITHER_RELIABLE,
    OK,
    REASONING,
    REASONING_NEEDED,
    SCOPE_COMPONENTS,
    SCOPED,
    SOLO,
    TAMPERED,
    TASK_TYPE,
    UNDECIDED,
    WORKFLOWS,
)
from evals.fmt import interval, pct, usd
from evals.intervals import boot_index as _boot_index
from evals.intervals import paired_interval, wilson
from evals.intervals import percentile_interval as _interval

# ---------------------------------------------------------------- plain-number statistics

def pass_hat_k(counts: Sequence[tuple[int, int]], k: int) -> float:
    """Mean over tasks of C(c,k)/C(n,k); tasks with fewer than k trials are excluded."""
    terms = [math.comb(int(c), k) / math.comb(int(n), k) for c, n in counts if int(n) >= k]
    return float(np.mean(terms)) if terms else math.nan


def binom_cdf_half(x: int, n: int) -> float:
    """P(X <= x) for X ~ Binomial(n, 0.5), exact (big-int arithmetic, then one division)."""
    if x < 0:
        return 0.0
    return sum(math.comb(n, i) for i in range(min(x, n) + 1)) / 2 ** n


def mcnemar_exact(b: int, c: int) -> float:
    """Exact two-sided McNemar p-value from discordant counts b and c."""
    if b + c == 0:
        return 1.0
    return min(1.0, 2 * binom_cdf_half(min(b, c), b + c))


# ---------------------------------------------------------------- grouping and bootstrap helpers

def _ok(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["status"] == OK]


def _groups(df: pd.DataFrame, by: list[str]) -> Iterator[tuple[tuple, pd.DataFrame]]:
    """(key tuple, rows) per group; by == [] means the whole frame is one group."""
    if not by:
        if len(df):
            yield (), df
        return
    # dropna=False: a NaN key is still a group, so no rows vanish silently
    for key, g in df.groupby(by, sort=True, dropna=False):
        yield (key if isinstance(key, tuple) else (key,)), g


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def _cluster_stats(ok: pd.DataFrame, values: list[str], n_boot: int, seed: int) -> dict:
    """Row-weighted means of `values` over ok rows with task-cluster bootstrap intervals; one
    index matrix is shared by all values. Clusters are tasks with at least one ok row."""
    per_task = ok.groupby("task", sort=True)[values].agg(["sum", "count"])
    out: dict = {"tasks": len(per_task)}
    sums = {v: per_task[(v, "sum")].to_numpy(float) for v in values}
    counts = {v: per_task[(v, "count")].to_numpy(float) for v in values}
    draws: dict[str, list[np.ndarray]] = {v: [] for v in values}
    if len(per_task):
        for idx in _boot_index(len(per_task), n_boot, np.random.default_rng(seed)):
            for v in values:
                with np.errstate(invalid="ignore", divide="ignore"):
                    draws[v].append(sums[v][idx].sum(axis=1) / counts[v][idx].sum(axis=1))
    for v in values:
        n = int(counts[v].sum())
        out[v] = float(sums[v].sum() / n) if n else math.nan
        lo, hi = (_interval(np.concatenate(draws[v])) if draws[v] else (math.nan, math.nan))
        # The percentile bootstrap collapses to a point when every task agrees (3 of 3 tasks
        # accepted gives [1, 1]). Widen it to a Wilson interval over the tasks, the effective
        # sample size under clustering, so few tasks never read as a reliable result.
        tasks = int((counts[v] > 0).sum())
        if tasks and not math.isnan(lo):
            wlo, whi = wilson(out[v] * tasks, tasks)
            lo, hi = min(lo, wlo), max(hi, whi)
        out[f"{v}_lo"], out[f"{v}_hi"] = lo, hi
        out[f"{v}_n"] = n
    return out


def cluster_bootstrap(df: pd.DataFrame, value: str, by: list[str], n_boot: int,
                      seed: int = 0) -> pd.DataFrame:
    """Per group: mean of `value` over ok rows, 95% percentile interval resampling tasks
    (widened to a Wilson interval over tasks where the bootstrap is degenerate)."""
    columns = [*by, value, f"{value}_lo", f"{value}_hi", "tasks", "n"]
    rows = []
    for key, g in _groups(df, by):
        s = _cluster_stats(_ok(g), [value], n_boot, seed)
        rows.append({**dict(zip(by, key)), value: s[value], f"{value}_lo": s[f"{value}_lo"],
                     f"{value}_hi": s[f"{value}_hi"], "tasks": s["tasks"], "n": s[f"{value}_n"]})
    return _frame(rows, columns)


# ---------------------------------------------------------------- paired tier comparison

def _paired_tasks(g: pd.DataFrame, value: str, a: str, b: str) -> pd.DataFrame:
    """Per task run (ok) by both tiers: mean of value in each tier and the rows behind it."""
    ok = _ok(g)
    ok = ok[ok[value].notna() & ok["tier"].isin([a, b])]
    if ok.empty:
        return pd.DataFrame(columns=["mean_a", "mean_b", "rows"])
    t = ok.groupby(["task", "tier"])[value].agg(["mean", "count"]).unstack("tier")
    if (("mean", a) not in t.columns) or (("mean", b) not in t.columns):
        return pd.DataFrame(columns=["mean_a", "mean_b", "rows"])
    out = pd.DataFrame({"mean_a": t[("mean", a)], "mean_b": t[("mean", b)],
                        "rows": t[("count", a)].fillna(0) + t[("count", b)].fillna(0)})
    return out.dropna(subset=["mean_a", "mean_b"]).sort_index()


def paired_difference(df: pd.DataFrame, value: str = "accepted", a: str = EXECUTION,
                      b: str = REASONING, by: list[str] | None = None, *, n_boot: int,
                      seed: int = 0) -> pd.DataFrame:
    """Per group, tier a minus tier b over shared tasks: paired bootstrap interval and McNemar
    on per-task majority outcomes. Groups without a shared task are left out."""
    by = [TASK_TYPE] if by is None else list(by)
    if "tier" in by:
        raise ValueError("paired_difference compares tiers; 'tier' cannot be a grouping column")
    columns = [*by, "diff", "diff_lo", "diff_hi", "tasks", "discordant_a", "discordant_b",
               "mcnemar_p"]
    tiers = set(df["tier"].unique()) if "tier" in df else set()
    if a not in tiers or b not in tiers:
        return _frame([], columns)
    rows = []
    for key, g in _groups(df, by):
        p = _paired_tasks(g, value, a, b)
        if p.empty:
            continue
        d = (p["mean_a"] - p["mean_b"]).to_numpy(float)
        _, lo, hi = paired_interval(d, n_boot, seed)
        win_a, win_b = p["mean_a"] >= 0.5, p["mean_b"] >= 0.5
        da, db = int((win_a & ~win_b).sum()), int((~win_a & win_b).sum())
        rows.append({**dict(zip(by, key)), "diff": float(d.mean()), "diff_lo": lo, "diff_hi": hi,
                     "tasks": len(d), "discordant_a": da, "discordant_b": db,
                     "mcnemar_p": mcnemar_exact(da, db)})
    return _frame(rows, columns)


# ---------------------------------------------------------------- summaries

def _costs(g: pd.DataFrame) -> dict:
    """Spend over every row with a known price (failures are spend too) and its ratios."""
    cost = g["cost_usd"]
    known = cost.notna()
    total = float(cost[known].sum()) if known.any() else math.nan
    accepted = int(_ok(g)["accepted"].fillna(0).sum())
    tasks = g["task"].nunique()
    if math.isnan(total):
        per_accepted = math.nan
    elif accepted:
        per_accepted = total / accepted
    else:
        per_accepted = math.inf if total > 0 else math.nan
    return {"cost_total": total, "cost_unknown": int((~known).sum()),
            "cost_per_task": total / tasks if tasks else math.nan,
            "cost_per_accepted": per_accepted, "accepted_count": accepted}


SUMMARY_COLUMNS = ["samples", "ok", "errors", "missing", "tasks",
                   "pass1", "pass1_lo", "pass1_hi", "accept", "accept_lo", "accept_hi",
                   "deviation", "deviation_lo", "deviation_hi",
                   "tamper", "tamper_lo", "tamper_hi",
                   "accept_wilson_lo", "accept_wilson_hi",
                   "cost_total", "cost_unknown", "cost_per_task", "cost_per_accepted",
                   "input_tokens", "output_tokens"]
# summary name -> samples-frame column for the bootstrapped rates
_RATES = {"pass1": "correct", "accept": "accepted", "deviation": "deviated", "tamper": TAMPERED}


def summarize(df: pd.DataFrame, by: list[str], n_boot: int, seed: int = 0) -> pd.DataFrame:
    """One row per group: sample/status counts, rates with cluster-bootstrap intervals, a Wilson
    cross-check on the accept rate, spend and tokens."""
    rows = []
    for key, g in _groups(df, by):
        ok = _ok(g)
        # a rate whose column the logs lack (e.g. tampered, in logs older than it) is unknown
        present = [c for c in _RATES.values() if c in ok.columns]
        s = _cluster_stats(ok, present, n_boot, seed)
        acc = ok["accepted"].dropna()
        row = {**dict(zip(by, key)), "samples": len(g), "ok": len(ok),
               "errors": int((g["status"] == "error").sum()),
               "missing": int((g["status"] == "missing").sum()), "tasks": g["task"].nunique()}
        for name, col in _RATES.items():
            row[name], row[f"{name}_lo"], row[f"{name}_hi"] = (
                (s[col], s[f"{col}_lo"], s[f"{col}_hi"]) if col in s
                else (math.nan, math.nan, math.nan))
        row["accept_wilson_lo"], row["accept_wilson_hi"] = wilson(int(acc.sum()), len(acc))
        costs = _costs(g)
        costs.pop("accepted_count")
        row.update(costs)
        row["input_tokens"] = float(g["input_tokens"].sum())
        row["output_tokens"] = float(g["output_tokens"].sum())
        rows.append(row)
    return _frame(rows, [*by, *SUMMARY_COLUMNS])


def pass_k_curve(df: pd.DataFrame, by: list[str], value: str = "correct") -> pd.DataFrame:
    """pass^k for k = 1..max epoch in the group; a task's (c, n) pools the group's ok rows."""
    rows = []
    for key, g in _groups(df, by):
        ok = _ok(g)
        ok = ok[ok[value].notna()]
        if ok.empty:
            continue
        per_task = ok.groupby("task")[value].agg(["sum", "count"])
        counts = [(round(float(c)), int(n)) for c, n in per_task.itertuples(index=False)]
        for k in range(1, int(ok["epoch"].max()) + 1):
            rows.append({**dict(zip(by, key)), "k": k, "pass_k": pass_hat_k(counts, k),
                         "tasks": sum(n >= k for _, n in counts)})
    return _frame(rows, [*by, "k", "pass_k", "tasks"])


def scope_rates(df: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Long format: per group and scope component (and `tampered`), the share of ok rows in
    which it fired: a count above 0, or excess_edit above the bar the sample was judged with
    (`excess_bar`)."""
    rows = []
    for key, g in _groups(df, by):
        ok = _ok(g)
        for comp in (*SCOPE_COMPONENTS, TAMPERED):
            if comp not in ok.columns:
                continue
            vals = ok[comp]
            keep = vals.notna()
            if comp == EXCESS_EDIT:
                bars = ok[EXCESS_BAR] if EXCESS_BAR in ok.columns else pd.Series(
                    math.nan, index=ok.index)
                keep &= bars.notna()
                fired = vals[keep] > bars[keep]
            else:
                fired = vals[keep] > 0
            rate = float(fired.mean()) if len(fired) else math.nan
            rows.append({**dict(zip(by, key)), "component": comp, "rate": rate,
                         "n": int(keep.sum())})
    return _frame(rows, [*by, "component", "rate", "n"])


# ---------------------------------------------------------------- verdicts

VERDICT_COLUMNS = [TASK_TYPE, "verdict", "reason", "exec_accept", "exec_lo", "exec_hi",
                   "reas_accept", "reas_lo", "reas_hi", "diff", "diff_lo", "diff_hi",
                   "exec_cost_per_accepted", "reas_cost_per_accepted", "more_samples", "bar",
                   "margin"]


def _shortfall(p: float, lo: float, hi: float, n: int, target: float) -> int | None:
    """Extra samples until the interval excludes target, with half-width h ~ 1/sqrt(n)."""
    if any(math.isnan(x) for x in (p, lo, hi)) or n <= 0 or p == target:
        return None
    h = (hi - lo) / 2
    extra = math.ceil(n * (h / abs(p - target)) ** 2 - n)
    return extra if extra > 0 else None


def _exec_cheaper(ce: dict, cr: dict) -> tuple[bool, str]:
    """Whether execution costs less, and the sentence fragment that says so with numbers."""
    if cr["accepted_count"] == 0:
        # cost per accepted is undefined for reasoning: compare spend per task instead
        e, r = ce["cost_per_task"], cr["cost_per_task"]
        return bool(e < r), f"costs {usd(e)} vs {usd(r)} per task (reasoning accepted none)"
    e, r = ce["cost_per_accepted"], cr["cost_per_accepted"]
    return bool(e < r), f"costs {usd(e)} vs {usd(r)} per accepted change"


def _verdict(task_type: str, g: pd.DataFrame, bar: float, margin: float, n_boot: int,
                   seed: int) -> dict:
    ex, re_ = g[g["tier"] == EXECUTION], g[g["tier"] == REASONING]
    e = _cluster_stats(_ok(ex), ["accepted"], n_boot, seed)
    r = _cluster_stats(_ok(re_), ["accepted"], n_boot, seed)
    pdiff = paired_difference(g, by=[], n_boot=n_boot, seed=seed)
    d = pdiff.iloc[0] if len(pdiff) else None
    ce, cr = _costs(ex), _costs(re_)
    p, lo, hi = e["accepted"], e["accepted_lo"], e["accepted_hi"]
    rp, rlo, rhi = r["accepted"], r["accepted_lo"], r["accepted_hi"]
    dp, dlo, dhi = ((float(d["diff"]), float(d["diff_lo"]), float(d["diff_hi"])) if d is not None
                    else (math.nan, math.nan, math.nan))
    row = {TASK_TYPE: task_type, "exec_accept": p, "exec_lo": lo, "exec_hi": hi, "reas_accept": rp,
           "reas_lo": rlo, "reas_hi": rhi, "diff": dp, "diff_lo": dlo, "diff_hi": dhi,
           "exec_cost_per_accepted": ce["cost_per_accepted"],
           "reas_cost_per_accepted": cr["cost_per_accepted"], "more_samples": None,
           "bar": bar, "margin": margin}
    exec_txt = f"execution accepts {interval(p, lo, hi)}"
    diff_txt = (f"paired difference (execution - reasoning) {interval(dp, dlo, dhi, signed=True)}"
                if d is not None else "no task was run by both tiers")
    the_bar, the_margin = f"the bar {pct(bar)}", pct(-margin, signed=True)
    exec_short = _shortfall(p, lo, hi, e["accepted_n"], bar)

    def verdict(name: str, reason: str, more: int | None = None) -> dict:
        return {**row, "verdict": name, "reason": reason, "more_samples": more}

    if e["accepted_n"] == 0:
        return verdict(UNDECIDED, "The execution tier has no scored samples for this task type.")

    if r["accepted_n"] == 0:
        # nothing to compare against: only the reliability bar can be judged
        if lo >= bar:
            return verdict(EXECUTION_FITS, f"{exec_txt}, at or above {the_bar}; reasoning was "
                                           "not measured.")
        if hi < bar:
            return verdict(EXECUTION_DOES_NOT_FIT, f"{exec_txt}, below {the_bar}; reasoning was "
                                                   "not measured, so whether it fits is open.")
        return verdict(UNDECIDED, f"{exec_txt}, which is not yet known to clear {the_bar}; "
                                  "reasoning was not measured.", exec_short)

    both_below = hi < bar and rhi < bar
    # "as good as reasoning" only makes execution fit when reasoning is not itself reliably
    # below the bar: two tiers that both fail (e.g. both accept 0%) are "neither reliable"
    good_enough = lo >= bar or (d is not None and dlo >= -margin and not both_below)
    cheaper, cost_txt = _exec_cheaper(ce, cr)
    if good_enough and cheaper:
        basis = (f"at or above {the_bar}" if lo >= bar else
                 f"and the {diff_txt} has lower bound >= {the_margin}")
        return verdict(EXECUTION_FITS, f"{exec_txt}, {basis}; it {cost_txt}.")
    if d is not None and dhi < 0 and hi < bar:
        return verdict(REASONING_NEEDED, f"Reasoning is reliably better ({diff_txt}) and "
                                         f"{exec_txt}, below {the_bar}.")
    if both_below:
        return verdict(NEITHER_RELIABLE, f"Both tiers are below {the_bar}: {exec_txt}, "
                                         f"reasoning accepts {interval(rp, rlo, rhi)}.")
    if good_enough:
        # quality is settled; more samples would not change that execution is not cheaper
        basis = f"{exec_txt}, at or above {the_bar}" if lo >= bar else diff_txt
        return verdict(UNDECIDED, f"Execution is good enough ({basis}) but is not shown to cost "
                                  f"less: it {cost_txt}.")
    diff_short = (_shortfall(dp, dlo, dhi, int(_paired_tasks(g, "accepted", EXECUTION,
                                                              REASONING)["rows"].sum()), -margin)
                  if d is not None else None)
    more = min((s for s in (exec_short, diff_short) if s is not None), default=None)
    need = f"; roughly {more} more samples would decide it" if more else ""
    return verdict(UNDECIDED, f"Intervals too wide: {exec_txt} vs {the_bar}, {diff_txt} vs "
                              f"{the_margin}{need}.", more)


def verdicts(df: pd.DataFrame, *, bar: float, margin: float, n_boot: int,
             seed: int = 0) -> pd.DataFrame:
    """One verdict per task type (docs/design.md section 5) from tier-level (models pooled)
    accept intervals, the paired execution-minus-reasoning difference and cost per accepted
    change."""
    rows = [_verdict(key[0], g, bar, margin, n_boot, seed)
            for key, g in _groups(df, [TASK_TYPE])]
    out = _frame(rows, VERDICT_COLUMNS)
    # object column so "no estimate" stays None instead of becoming a float NaN
    out["more_samples"] = pd.Series([r["more_samples"] for r in rows], index=out.index,
                                    dtype=object)
    return out


# ---------------------------------------------------------------- the premise as experiments

# the rates the clarity experiment compares (design section 9), as samples-frame columns
CLARITY_VALUES = ("correct", "accepted", "deviated")


def solo_rows(df: pd.DataFrame) -> pd.DataFrame:
    """Each model alone: the rows of no workflow (a frame without the column has only those)."""
    return df[df["workflow"].fillna(SOLO) == SOLO] if "workflow" in df else df


def main_rows(df: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The rows the tier verdicts are about: each model alone (`solo`), asked the scoped ticket
    (or the brief, in a run that asked only briefs), and that clarity."""
    solo = solo_rows(df)
    if "clarity" not in solo:
        return solo, SCOPED
    clarity = SCOPED if (solo["clarity"].fillna(SCOPED) == SCOPED).any() or solo.empty else BRIEF
    return solo[solo["clarity"].fillna(SCOPED) == clarity], clarity


def _clarity_task_diffs(g: pd.DataFrame, value: str) -> pd.Series:
    """Per task: scoped minus brief, over the (model, epoch) pairs scored both ways."""
    ok = _ok(g)
    ok = ok[ok[value].notna()]
    if ok.empty:
        return pd.Series(dtype=float)
    t = ok.pivot_table(index=["task", "model_name", "epoch"], columns="clarity", values=value,
                       aggfunc="mean")
    if SCOPED not in t.columns or BRIEF not in t.columns:
        return pd.Series(dtype=float)
    t = t.dropna(subset=[SCOPED, BRIEF])
    return (t[SCOPED] - t[BRIEF]).groupby(level="task").mean().sort_index()


def clarity_differences(df: pd.DataFrame, *, n_boot: int, seed: int = 0) -> pd.DataFrame:
    """Per task type, tier and rate: scoped minus brief, paired per task (the two samples of a
    (model, task, epoch)), with a 95% bootstrap interval over tasks. Solo rows only."""
    columns = [TASK_TYPE, "tier", "value", "diff", "diff_lo", "diff_hi", "tasks"]
    solo = solo_rows(df)
    rows = []
    for (task_type, tier), g in _groups(solo, [TASK_TYPE, "tier"]):
        for value in CLARITY_VALUES:
            d = _clarity_task_diffs(g, value).to_numpy(float)
            if not len(d):
                continue
            mean, lo, hi = paired_interval(d, n_boot, seed)
            rows.append({TASK_TYPE: task_type, "tier": tier, "value": value, "diff": mean,
                         "diff_lo": lo, "diff_hi": hi, "tasks": len(d)})
    return _frame(rows, columns)


def clarity_interaction(df: pd.DataFrame, *, n_boot: int, seed: int = 0) -> pd.DataFrame:
    """Per task type and rate: the reasoning tier's (scoped minus brief) minus the execution
    tier's, over tasks both tiers ran both ways, with a 95% bootstrap interval over tasks. For
    `deviated`, below zero: a scoped ticket cuts the reasoning tier's deviation more."""
    columns = [TASK_TYPE, "value", "interaction", "lo", "hi", "tasks"]
    solo = solo_rows(df)
    rows = []
    for (task_type,), g in _groups(solo, [TASK_TYPE]):
        for value in CLARITY_VALUES:
            r = _clarity_task_diffs(g[g["tier"] == REASONING], value)
            e = _clarity_task_diffs(g[g["tier"] == EXECUTION], value)
            both = r.index.intersection(e.index)
            if not len(both):
                continue
            mean, lo, hi = paired_interval((r[both] - e[both]).to_numpy(float), n_boot, seed)
            rows.append({TASK_TYPE: task_type, "value": value, "interaction": mean, "lo": lo,
                         "hi": hi, "tasks": len(both)})
    return _frame(rows, columns)


def workflow_summary(df: pd.DataFrame, *, n_boot: int, seed: int = 0) -> pd.DataFrame:
    """Per task type and clarity asked: each solo model and each workflow pair, with its rates,
    cost per accepted change and (escalate) how often it escalated. Only clarities a workflow
    ran are shown, so each workflow sits beside the solo models asked the same way."""
    if "workflow" not in df or not (df["workflow"] != SOLO).any():
        return _frame([], [TASK_TYPE, "clarity", "workflow", "tier", "model_name",
                           *SUMMARY_COLUMNS, "escalated"])
    asked = set(df.loc[df["workflow"] != SOLO, "clarity"])
    rows = df[df["clarity"].isin(asked)]
    out = summarize(rows, [TASK_TYPE, "clarity", "workflow", "tier", "model_name"], n_boot, seed)
    if "escalated" in rows:
        esc = _ok(rows).groupby([TASK_TYPE, "clarity", "workflow", "tier", "model_name"],
                                dropna=False)["escalated"].mean().rename("escalated")
        out = out.merge(esc.reset_index(), how="left",
                        on=[TASK_TYPE, "clarity", "workflow", "tier", "model_name"])
    else:
        out["escalated"] = math.nan
    order = {SOLO: 0, **{w: i + 1 for i, w in enumerate(WORKFLOWS[1:])}}
    return out.sort_values([TASK_TYPE, "clarity", "workflow", "tier", "model_name"],
                           key=lambda s: s.map(order) if s.name == "workflow" else s,
                           kind="stable", ignore_index=True)
