"""Report charts: every chart writes a real PNG and a parseable SVG, also on thin or odd data."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from evals.constants import SCOPE_COMPONENTS
from evals.report import charts

CAPTION = "models: haiku, opus; 240 samples (5 epochs); cost $0.12 total"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def assert_chart(paths: tuple[Path, Path], out: Path, name: str, title: str) -> str:
    png, svg = paths
    assert png == out / f"{name}.png" and svg == out / f"{name}.svg"
    data = png.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert len(data) > 5_000  # a blank or failed canvas is far smaller
    text = svg.read_text()
    ET.fromstring(text)  # well-formed XML
    assert title in text
    return text


# ---------------------------------------------------------------- frames


def accept_summary() -> pd.DataFrame:
    return pd.DataFrame({
        "task_type": ["tickets", "tickets", "refactors", "refactors"],
        "tier": ["execution", "reasoning", "execution", "reasoning"],
        "accept": [0.84, 0.71, 0.62, 0.75],
        "accept_lo": [0.76, 0.60, 0.50, 0.66],
        "accept_hi": [0.90, 0.80, 0.72, 0.83],
        "samples": [120, 120, 80, 80],
    })


def model_summary() -> pd.DataFrame:
    return pd.DataFrame({
        "model_name": ["haiku", "flash-lite", "smollm2", "opus", "thinking", "broken", "unpriced"],
        "tier": ["execution"] * 3 + ["reasoning"] * 4,
        "accept": [0.80, 0.65, 0.05, 0.86, 0.70, 0.0, 0.6],
        "accept_lo": [0.70, 0.55, 0.01, 0.78, 0.60, 0.0, 0.5],
        "accept_hi": [0.88, 0.75, 0.12, 0.92, 0.80, 0.05, 0.7],
        "cost_per_accepted": [0.012, 0.002, 0.0, 0.21, 0.3, np.inf, np.nan],
    })


def scope_frame() -> pd.DataFrame:
    rows = [{"tier": t, "component": c, "rate": r, "n": 100}
            for t, base in [("execution", 0.05), ("reasoning", 0.2)]
            for c, r in zip(SCOPE_COMPONENTS, base * np.arange(1, len(SCOPE_COMPONENTS) + 1) / 3)]
    return pd.DataFrame(rows)


def verdict_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "task_type": ["tickets", "test_writing", "refactors/mechanical", "architecture",
                      "refactors/judgment"],
        "verdict": ["execution fits", "reasoning needed", "undecided", "neither reliable",
                    "execution does not fit"],
        "exec_accept": [0.84, 0.42, 0.70, 0.30, 0.0],
        "exec_lo": [0.80, 0.30, 0.50, 0.20, 0.0],
        "exec_hi": [0.90, 0.50, 0.85, 0.40, 0.09],
        "reas_accept": [0.85, 0.90, np.nan, 0.50, np.nan],
        "reas_lo": [0.80, 0.82, np.nan, 0.40, np.nan],
        "reas_hi": [0.90, 0.95, np.nan, 0.60, np.nan],
        "more_samples": [None, None, 140, None, None],
    })


def pass_k_frame(suites: tuple[str, ...] = ("tickets",)) -> pd.DataFrame:
    return pd.DataFrame([{"tier": t, "task_type": s, "k": k, "pass_k": p ** k}
                         for t, p in [("execution", 0.9), ("reasoning", 0.8)]
                         for s in suites for k in range(1, 6)])


def edition_frame() -> pd.DataFrame:
    return pd.DataFrame([
        {"edition": e, "tier": t, "task_type": s, "accept": a, "accept_lo": a - 0.1,
         "accept_hi": a + 0.1}
        for e, a in [("2025-H2", 0.6), ("2026-H1", 0.75)]
        for t in ("execution", "reasoning") for s in ("tickets", "refactors")])


# ---------------------------------------------------------------- normal data


def test_accept_by_type(tmp_path: Path) -> None:
    svg = assert_chart(charts.accept_by_type(accept_summary(), tmp_path, CAPTION),
                       tmp_path, "accept_by_type", "Accepted changes by task type and tier")
    assert "reliability bar (0.80)" in svg
    assert "accepted (correct and in scope)" in svg
    assert "haiku" in svg  # the caption made it in, '$' and all
    assert "$0.12" in svg


def test_accept_by_type_custom_bar(tmp_path: Path) -> None:
    svg = assert_chart(charts.accept_by_type(accept_summary(), tmp_path, CAPTION, bar=0.9),
                       tmp_path, "accept_by_type", "Accepted changes by task type and tier")
    assert "reliability bar (0.90)" in svg


def test_cost_vs_accept(tmp_path: Path) -> None:
    svg = assert_chart(charts.cost_vs_accept(model_summary(), tmp_path, CAPTION), tmp_path,
                       "cost_vs_accept", "Cost per accepted change vs accept rate, per model")
    assert "smollm2 (free)" in svg
    assert "Pareto frontier" in svg
    assert "USD, log scale" in svg
    # inf and NaN costs are not plotted but named in the caption
    assert "broken (no accepted change)" in svg
    assert "unpriced (cost unknown)" in svg


def test_pareto_frontier() -> None:
    cost = np.array([0.001, 0.01, 0.02, 0.1, 0.2, 0.2])
    acc = np.array([0.05, 0.7, 0.6, 0.8, 0.8, 0.9])
    # 0.02/0.6 is beaten by 0.01/0.7; 0.2/0.8 by 0.1/0.8 (cheaper, as accepted)
    assert charts.pareto_frontier(cost, acc).tolist() == [True, True, False, True, False, True]


def test_scope_breakdown(tmp_path: Path) -> None:
    svg = assert_chart(charts.scope_breakdown(scope_frame(), tmp_path, CAPTION), tmp_path,
                       "scope_breakdown", "Scope deviations by kind and tier")
    for label in SCOPE_COMPONENTS.values():
        assert label in svg
    assert "files_out_of_scope" not in svg  # readable labels, not column names
    assert "execution tier (n=100)" in svg


def test_verdict_matrix(tmp_path: Path) -> None:
    svg = assert_chart(charts.verdict_matrix(verdict_frame(), tmp_path, CAPTION), tmp_path,
                       "verdict_matrix", "Which tier reliably fits each task type")
    for text in ("execution fits", "reasoning needed", "neither reliable", "undecided",
                 "execution does not fit", "84% [80%, 90%]", "0% [0%, 9%]", "not measured",
                 "needs ~140 more samples"):
        assert text in svg
    for verdict in ("execution fits", "reasoning needed", "neither reliable", "undecided",
                    "execution does not fit"):
        assert charts.COLOURS["verdict"][verdict].lower() in svg.lower()


def test_pass_k_one_suite(tmp_path: Path) -> None:
    svg = assert_chart(charts.pass_k(pass_k_frame(), tmp_path, CAPTION), tmp_path, "pass_k",
                       "Reliability over repeated trials (pass^k)")
    assert "chance all k trials succeed" in svg


def test_pass_k_several_suites_and_no_suite_column(tmp_path: Path) -> None:
    svg = assert_chart(charts.pass_k(pass_k_frame(("tickets", "refactors")), tmp_path, CAPTION),
                       tmp_path, "pass_k", "Reliability over repeated trials (pass^k)")
    assert "execution tier, refactors" in svg and "reasoning tier, tickets" in svg
    plain = pass_k_frame().drop(columns="task_type")
    assert_chart(charts.pass_k(plain, tmp_path / "plain", CAPTION), tmp_path / "plain",
                 "pass_k", "Reliability over repeated trials (pass^k)")


def test_edition_comparison(tmp_path: Path) -> None:
    svg = assert_chart(charts.edition_comparison(edition_frame(), tmp_path, CAPTION), tmp_path,
                       "edition_comparison", "Accept rate across tier-list editions")
    assert "task type: tickets" in svg and "task type: refactors" in svg
    assert "2025-H2" in svg and "2026-H1" in svg


def test_tier_colours_are_shared() -> None:
    # same tier, same colour on every chart: there is exactly one place they come from
    assert charts.tier_colour("execution") == charts.COLOURS["tier"]["execution"]
    assert charts.tier_colour("reasoning") == charts.COLOURS["tier"]["reasoning"]
    assert charts.tier_colour("execution") != charts.tier_colour("reasoning")


def test_svg_is_reproducible(tmp_path: Path) -> None:
    a = charts.accept_by_type(accept_summary(), tmp_path / "a", CAPTION)[1].read_bytes()
    b = charts.accept_by_type(accept_summary(), tmp_path / "b", CAPTION)[1].read_bytes()
    assert a == b


def test_missing_column_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="accept_lo"):
        charts.accept_by_type(accept_summary().drop(columns="accept_lo"), tmp_path, CAPTION)


# ---------------------------------------------------------------- edge cases


def only_execution(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["tier"] == "execution"].reset_index(drop=True)


def no_intervals(frame: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    return frame.assign(**{c: math.nan for c in cols})


def all_variants() -> dict[str, list[tuple]]:
    """For each chart: (frame, extra) cases that once-plausible reports produce."""
    acc, mod, sco = accept_summary(), model_summary(), scope_frame()
    ver, pk, ed = verdict_frame(), pass_k_frame(), edition_frame()
    return {
        "accept_by_type": [
            only_execution(acc), acc.head(1),
            no_intervals(acc, ["accept_lo", "accept_hi"]),
            acc.assign(samples=0, accept=math.nan, accept_lo=math.nan, accept_hi=math.nan),
            acc.assign(samples=[0, 120, 80, 0], accept=[0.0, 0.7, 0.6, math.nan]),
            acc.head(0),
        ],
        "cost_vs_accept": [
            only_execution(mod), mod.head(1), mod.iloc[[2]],  # a single free model
            no_intervals(mod, ["accept_lo", "accept_hi"]),
            mod.assign(cost_per_accepted=math.inf),  # nothing plottable
            mod.assign(accept=math.nan), mod.head(0),
        ],
        "scope_breakdown": [
            only_execution(sco), sco.head(1), sco.assign(rate=math.nan),
            sco.assign(n=0, rate=math.nan), sco.head(0),
            pd.concat([sco, pd.DataFrame([{"tier": "execution", "component": "new_thing",
                                            "rate": 0.3, "n": 100}])]),
        ],
        "verdict_matrix": [
            ver.head(1), ver.drop(columns=[c for c in ver.columns if c.startswith("reas")]),
            no_intervals(ver, ["exec_lo", "exec_hi", "reas_lo", "reas_hi"]),
            ver.assign(verdict="undecided", more_samples=None),
            ver.assign(verdict="something new"), ver.head(0),
        ],
        "pass_k": [
            only_execution(pk), pk.head(1), pk.assign(pass_k=math.nan), pk.head(0),
        ],
        "edition_comparison": [
            only_execution(ed), ed.head(1), no_intervals(ed, ["accept_lo", "accept_hi"]),
            ed[ed["task_type"] == "tickets"], ed.head(0),
            pd.concat([ed, ed.assign(task_type="test_writing"),
                       ed.assign(task_type="architecture")]),
        ],
    }


CASES = [(name, i) for name, frames in all_variants().items() for i in range(len(frames))]


@pytest.mark.parametrize(("name", "case"), CASES, ids=[f"{n}-{i}" for n, i in CASES])
def test_edge_cases_do_not_crash(tmp_path: Path, name: str, case: int) -> None:
    frame = all_variants()[name][case]
    png, svg = getattr(charts, name)(frame, tmp_path, CAPTION)
    assert png.read_bytes().startswith(PNG_SIGNATURE)
    ET.fromstring(svg.read_text())


def test_absent_tier_leaves_no_phantom_legend(tmp_path: Path) -> None:
    svg = charts.accept_by_type(only_execution(accept_summary()), tmp_path, CAPTION)[1]
    text = svg.read_text()
    assert "execution tier" in text and "reasoning tier" not in text


def test_zero_samples_say_no_data(tmp_path: Path) -> None:
    frame = accept_summary().assign(samples=[0, 120, 80, 80], accept=[0.0, 0.7, 0.6, 0.7])
    text = charts.accept_by_type(frame, tmp_path, CAPTION)[1].read_text()
    assert "no data" in text


def test_scope_zero_count_says_no_data(tmp_path: Path) -> None:
    frame = scope_frame().assign(n=0, rate=0.0)
    text = charts.scope_breakdown(frame, tmp_path, CAPTION)[1].read_text()
    assert "no data" in text and "0.00" not in text


def test_nothing_plottable_is_said_on_the_chart(tmp_path: Path) -> None:
    frame = model_summary().assign(cost_per_accepted=math.inf)
    text = charts.cost_vs_accept(frame, tmp_path, CAPTION)[1].read_text()
    assert "no model with a known, finite cost per accepted change" in text
