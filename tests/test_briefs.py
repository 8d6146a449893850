"""Briefs (design section 9): every ticket and refactor has one, `validate` checks each is brief
and states no acceptance criterion of its ticket, and a brief's sample is shown the files the
brief points at, not the ticket's scope."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from evals.constants import BRIEF, BRIEF_SUFFIX, SCOPED, SOLO
from evals.errors import TaskError
from evals.report import stats
from evals.suites import get
from evals.suites.briefs import brief_problems, new_literals
from evals.suites.tickets.spec import reference_files
from evals.taskspec import load_suite, load_task, mentioned_files, repo_files, split_sample_id
from tests.conftest import copy_task


def _problems(spec, brief: str) -> list[str]:  # noqa: ANN001
    return brief_problems(brief, spec.ticket, [*spec.hidden_tests, *spec.guard_tests],
                          repo_files(spec.repo_dir), reference_files(spec))


def test_every_ticket_and_refactor_has_a_brief_that_passes_its_check() -> None:
    for name in ("tickets", "refactors"):
        suite = get(name)
        specs = load_suite(suite)
        assert specs and all(s.brief for s in specs)
        failed = [(s.id, c.got) for s in specs for c in suite.static_checks(s)
                  if c.name == "brief" and not c.ok]
        assert failed == []


def test_a_brief_that_states_a_literal_of_the_hidden_tests_fails(
        ticket_specs: dict) -> None:
    """Each ticket's brief with one new literal of its hidden tests added is caught: the check
    can fail on every task that has such literals (most do: messages, expected values)."""
    with_literals = 0
    for spec in ticket_specs.values():
        strings, numbers = new_literals([*spec.hidden_tests, *spec.guard_tests],
                                        repo_files(spec.repo_dir), reference_files(spec))
        assert not _problems(spec, spec.brief)
        if strings:
            with_literals += 1
            literal = max(strings, key=len)
            bad = _problems(spec, f"{spec.brief.rstrip('.')}, e.g. {literal}.")
            assert any("literals" in p for p in bad), (spec.id, literal)
        for n in list(numbers)[:1]:
            text = f"{n:g}"
            bad = _problems(spec, f"{spec.brief} It should give {text} here.")
            assert any("literals" in p for p in bad), (spec.id, text)
    assert with_literals >= 30


def test_long_coded_or_empty_briefs_fail(ticket_specs: dict) -> None:
    spec = ticket_specs["pipeline-sort-step"]
    assert "empty" in _problems(spec, "   ")[0]
    assert any("words" in p for p in _problems(spec, "sort " * 61))
    assert any("code block" in p for p in _problems(spec, "Add sort_by:\n```\nx\n```"))
    assert any("3 sentences" in p for p in _problems(spec, "Add sort_by. Make it stable. Go."))
    assert _problems(spec, "Add sort_by, e.g. for temps. Keep it stable, i.e. as is.") == []
    assert any("half the ticket" in p
               for p in _problems(spec, "Add sort_by. " + "x" * (len(spec.ticket) // 2)))
    # the exact message the hidden tests match is a criterion only the ticket gives
    bad = _problems(spec, "Add sort_by; with no keys raise 'sort_by needs at least one key'.")
    assert any("sort_by needs at least one key" in p for p in bad)
    # naming the function, its parameters and the file is not
    assert _problems(spec, "Add a sort_by(keys, reverse=False) step to transforms.py.") == []


def test_a_ticket_without_a_brief_is_one_line(tmp_path: Path) -> None:
    task = Path(get("tickets").config_file()).parents[2] / "tasks" / "tickets" / \
        "pipeline-sort-step"
    copy = copy_task(tmp_path, task, lambda raw: raw.pop("brief"))
    with pytest.raises(TaskError, match="task.yaml is missing 'brief'"):
        load_task(get("tickets"), copy, tmp_path / "tasks")
    copy = copy_task(tmp_path / "b", task, lambda raw: raw.update(brief=raw["ticket"] + " x"))
    with pytest.raises(TaskError, match="brief must be shorter than the ticket"):
        load_task(get("tickets"), copy, tmp_path / "b" / "tasks")


def test_a_brief_sample_is_shown_the_files_the_brief_names(ticket_specs: dict) -> None:
    spec = ticket_specs["pipeline-sort-step"]
    files = repo_files(spec.repo_dir)
    assert mentioned_files(spec.brief, files) == ["pipeline/transforms.py"]
    # by a top-level definition it names, not by a word that only looks like one
    assert mentioned_files("make dedupe accept a str", files) == ["pipeline/transforms.py"]
    assert mentioned_files("records should sort", files) == []
    assert split_sample_id(f"{spec.id}{BRIEF_SUFFIX}") == (spec.id, BRIEF)
    assert split_sample_id(spec.id) == (spec.id, SCOPED)


def _frame(rates: dict[tuple[str, str], float], tasks: int = 30, seed: int = 0) -> pd.DataFrame:
    """A samples frame of one model per tier, every task asked both ways, deviated drawn with
    the given rate per (tier, clarity)."""
    rng = np.random.default_rng(seed)
    rows = []
    for (tier, clarity), p in rates.items():
        for t in range(tasks):
            dev = int(rng.random() < p)
            rows.append({"task_type": "tickets", "tier": tier, "model_name": tier,
                         "workflow": SOLO, "clarity": clarity, "task": f"t{t}", "epoch": 1,
                         "status": "ok", "correct": 1, "deviated": dev, "accepted": 1 - dev})
    return pd.DataFrame(rows)


def test_clarity_statistics_find_an_interaction_that_is_there_and_none_that_is_not() -> None:
    """The premise's pattern (a scoped ticket contains the reasoning tier, the execution tier
    stays in scope either way) gives a clearly negative interaction on deviated; equal effects
    give an interval around zero."""
    premise = _frame({("execution", SCOPED): 0.1, ("execution", BRIEF): 0.1,
                      ("reasoning", SCOPED): 0.1, ("reasoning", BRIEF): 0.8})
    inter = stats.clarity_interaction(premise, n_boot=500, seed=0).set_index("value")
    assert inter.loc["deviated", "hi"] < 0 and inter.loc["deviated", "tasks"] == 30
    diffs = stats.clarity_differences(premise, n_boot=500, seed=0).set_index(["tier", "value"])
    assert diffs.loc[("reasoning", "deviated"), "diff_hi"] < 0
    assert diffs.loc[("execution", "deviated"), "diff_lo"] < 0 < \
        diffs.loc[("execution", "deviated"), "diff_hi"]
    same = _frame({("execution", SCOPED): 0.2, ("execution", BRIEF): 0.6,
                   ("reasoning", SCOPED): 0.2, ("reasoning", BRIEF): 0.6}, seed=1)
    inter = stats.clarity_interaction(same, n_boot=500, seed=0).set_index("value")
    assert inter.loc["deviated", "lo"] < 0 < inter.loc["deviated", "hi"]
    # the tier verdicts are about the scoped samples alone
    main, asked = stats.main_rows(premise)
    assert asked == SCOPED and set(main["clarity"]) == {SCOPED} and len(main) == 60
