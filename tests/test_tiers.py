"""Tier lists: list/check, and `refresh` on a small fixture model database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from evals.refresh import load_model_db, load_rules, propose
from evals.tiers import load_edition
from tests.test_cli import cli

DB = Path(__file__).parent / "fixtures" / "model_db"
H1 = yaml.safe_load((Path(__file__).parent.parent / "configs" / "tiers" / "2026-H1.yaml").read_text())


def proposals(as_of: str) -> dict[str, str]:
    ps = propose(load_edition(H1), dt.date.fromisoformat(as_of), load_model_db(DB), load_rules())
    return {p.old.model: p.new.model for p in ps}


def test_successors_in_the_same_line() -> None:
    got = proposals("2026-11-26")
    assert got["anthropic/claude-opus-4-6"] == "anthropic/claude-opus-5"        # not Sonnet 5
    assert got["openai/gpt-5.4"] == "openai/gpt-5.5"                            # not -mini, not -pro
    assert got["google/gemini-3.1-pro-preview"] == "google/gemini-3.5-pro"     # not Flash
    assert got["openai/gpt-5.3-chat-latest"] == "openai/gpt-5.3-chat-latest"   # no newer chat model


def test_model_with_no_successor_is_kept() -> None:
    got = proposals("2026-11-26")
    assert got["anthropic/claude-haiku-4-5"] == "anthropic/claude-haiku-4-5"
    assert got["google/gemini-3.1-flash-lite-preview"] == "google/gemini-3.1-flash-lite-preview"


def test_as_of_is_respected() -> None:
    got = proposals("2026-05-01")
    assert got["anthropic/claude-opus-4-6"] == "anthropic/claude-opus-4-7"  # Opus 5 not out yet
    assert got["google/gemini-3.1-pro-preview"] == "google/gemini-3.1-pro-preview"
    assert proposals("2026-01-01")["openai/gpt-5.4"] == "openai/gpt-5.4"   # never goes backwards


def test_refresh_writes_an_edition_and_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "next.yaml"
    args = ("tiers", "refresh", "tiers=2026-H1", "as_of=2026-11-26", "name=test-H2",
            f"model_db={DB}", f"out={out}")
    r = cli(*args)
    assert r.returncode == 0, r.stderr
    assert "claude-opus-4-6" in r.stdout and "-> anthropic/claude-opus-5" in r.stdout
    ed = load_edition(yaml.safe_load(out.read_text()))
    assert ed.name == "test-H2" and ed.made_on == dt.date(2026, 11, 26) and len(ed.models) == 6
    opus = next(m for m in ed.models if m.model == "anthropic/claude-opus-5")
    assert opus.tier == "reasoning" and opus.name == "opus-5" and opus.generate["reasoning_tokens"] == 16000
    before = out.read_text()
    r = cli(*args)
    assert r.returncode == 2 and "force=true" in r.stderr and out.read_text() == before
    assert cli(*args, "force=true").returncode == 0


def test_list_and_check() -> None:
    r = cli("tiers", "list", "tiers=2026-H1")
    assert r.returncode == 0
    assert r.stdout.count("genai-prices") == 6 and "price ratio: input" in r.stdout
    r = cli("tiers", "check", "tiers=2026-H1")
    assert r.returncode == 1 and "days old" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    fresh = load_edition(H1)
    assert not fresh.stale(fresh.made_on + dt.timedelta(days=183)) and fresh.stale(
        fresh.made_on + dt.timedelta(days=184))
    assert cli("tiers", "frob").returncode == 2


def test_refresh_reproduces_the_committed_2026_h2(tmp_path: Path) -> None:
    """The committed edition is the refresh output plus review comments (inspect-ai is pinned)."""
    out = tmp_path / "h2.yaml"
    r = cli("tiers", "refresh", "tiers=2026-H1", "as_of=2026-11-26", "name=2026-H2", f"out={out}")
    assert r.returncode == 0, r.stderr
    committed = Path(__file__).parent.parent / "configs" / "tiers" / "2026-H2.yaml"

    def body(text: str) -> list[str]:
        return [ln for ln in text.splitlines() if not ln.startswith("#")]

    assert body(out.read_text()) == body(committed.read_text())


def test_run_warns_about_a_stale_edition_like_check() -> None:
    r = cli("run", "+suite=tickets", "tiers=2026-H1")
    assert "warning: tier list '2026-H1' is" in r.stderr and "days old" in r.stderr
