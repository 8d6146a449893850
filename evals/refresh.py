"""`tiers refresh`: propose the next tier-list edition from inspect's model database and genai-prices.

No network: the data is what the installed inspect-ai and genai-prices ship, so upgrade both
first to see newer models. The matching rules are data (configs/tiers/refresh_rules.yaml).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from evals.constants import TIERS
from evals.errors import TierError, UserError
from evals.paths import CONFIG_DIR
from evals.tiers import Edition, Price, TierModel, base_price

RULES = CONFIG_DIR / "tiers" / "refresh_rules.yaml"
# organisation in inspect's database -> inspect provider prefix
PROVIDERS = {"anthropic": "anthropic", "openai": "openai", "google": "google"}


@dataclass(frozen=True)
class DbModel:
    provider: str  # inspect provider prefix
    name: str  # name in the database
    model: str  # inspect model string (provider/api-name)
    display: str
    released: dt.date | None
    reasoning: bool | None


@dataclass(frozen=True)
class Proposal:
    old: TierModel
    new: TierModel
    line: str | None
    old_price: Price | None
    new_price: Price | None


def inspect_model_db_dir() -> Path:
    import inspect_ai.model._model_data as data

    return Path(data.__file__).parent


def _api_name(name: str, info: dict[str, Any]) -> str:
    versions = list((info.get("versions") or {}).keys())
    previews = [v for v in versions if v.endswith("-preview")]
    if not name.endswith("-preview") and len(previews) == 1:
        return previews[0]
    if "latest" in versions and "-chat" in name:
        return f"{name}-latest"
    return name


def load_model_db(directory: Path | None = None) -> list[DbModel]:
    """Every model of the known organisations in a directory of inspect-style model yml files."""
    out: list[DbModel] = []
    for f in sorted((directory or inspect_model_db_dir()).glob("*.yml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        for org, block in data.items():
            provider = PROVIDERS.get(org)
            if provider is None or not isinstance(block, dict):
                continue
            for name, info in (block.get("models") or {}).items():
                info = info or {}
                rd = info.get("release_date")
                released = rd if isinstance(rd, dt.date) else (
                    dt.date.fromisoformat(str(rd)) if rd else None)
                out.append(DbModel(provider, str(name), f"{provider}/{_api_name(str(name), info)}",
                                   str(info.get("display_name") or name), released,
                                   info.get("reasoning")))
    return out


def load_rules(path: Path = RULES) -> list[dict[str, Any]]:
    rules = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("lines") or []
    for r in rules:
        if not {"line", "provider", "pattern"} <= set(r):
            raise TierError(f"{path.name}: every line needs line, provider and pattern")
    return rules


def line_of(m: DbModel, rules: list[dict[str, Any]]) -> str | None:
    for r in rules:
        if r["provider"] == m.provider and re.search(r["pattern"], m.name) and (
                "reasoning" not in r or bool(m.reasoning) == bool(r["reasoning"])):
            return str(r["line"])
    return None


def _find(db: list[DbModel], model: str) -> DbModel | None:
    provider, _, name = model.partition("/")
    for m in db:
        if m.provider == provider and (m.model == model or m.name == name):
            return m
    return None


def propose(edition: Edition, as_of: dt.date, db: list[DbModel],
            rules: list[dict[str, Any]]) -> list[Proposal]:
    """For each model: its newest successor in the same line released on or before as_of."""
    out = []
    for old in edition.models:
        current = _find(db, old.model)
        line = line_of(current, rules) if current else None
        best = current
        if line is not None:
            same = [m for m in db if line_of(m, rules) == line and m.released and m.released <= as_of]
            if same:
                newest = max(same, key=lambda m: (m.released, m.name))
                if current is None or current.released is None or newest.released >= current.released:
                    best = newest
        if best is None or best.model == old.model:
            new = old
        else:
            new = TierModel(name=_short(best.name), tier=old.tier, model=best.model,
                            display=best.display, solver=old.solver,
                            context_tokens=old.context_tokens, generate=dict(old.generate),
                            model_args=dict(old.model_args), price=None)
        out.append(Proposal(old, new, line, base_price(old), base_price(new)))
    return out


def _short(name: str) -> str:
    """The edition's short name style: claude-opus-5-5 -> opus-5.5, gemini-3.1-pro-preview -> gemini-3.1-pro."""
    name = re.sub(r"-preview$|-latest$", "", name)
    if name.startswith("claude-"):
        name = re.sub(r"-(\d+)-(\d+)$", r"-\1.\2", name.removeprefix("claude-"))
    return name


def edition_yaml(name: str, as_of: dt.date, proposals: list[Proposal], source: Edition) -> str:
    tiers: dict[str, list[dict[str, Any]]] = {t: [] for t in TIERS}
    for p in proposals:
        entry: dict[str, Any] = {"name": p.new.name, "model": p.new.model, "display": p.new.display}
        if p.new.solver:
            entry["solver"] = p.new.solver
        if p.new.context_tokens:
            entry["context_tokens"] = p.new.context_tokens
        if p.new.model_args:
            entry["model_args"] = p.new.model_args
        entry["generate"] = dict(p.new.generate)
        if p.new.price:
            entry["price"] = dict(p.new.price)
        if p.new.model != p.old.model:
            entry["replaces"] = p.old.model
        tiers[p.new.tier].append(entry)
    doc = {"edition": name, "made_on": as_of.isoformat(),
           "description": f"Proposed by `tiers refresh` from {source.name} with the model data "
                          f"of the installed inspect-ai and genai-prices, as of {as_of}.",
           "tiers": tiers}
    header = ("# Proposed by `python -m evals tiers refresh`; review by hand before use.\n")
    return header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


@dataclass(frozen=True)
class Plan:
    """A proposed edition: its name, where it goes, and each model's proposal."""

    name: str
    as_of: dt.date
    out: Path
    source: Edition
    proposals: list[Proposal]

    def lines(self) -> list[str]:
        def price(x: Price | None) -> str:
            return f"${x.input:g}/${x.output:g} per M" if x else "no price"

        out = []
        for p in self.proposals:
            arrow = "kept" if p.new.model == p.old.model else f"-> {p.new.model}"
            out.append(f"{p.old.tier:<10} {p.old.model:<40} {arrow:<44} {price(p.old_price)} -> "
                       f"{price(p.new_price)}{'' if p.line else '  (no line rule matches: kept)'}")
        return out

    def write(self) -> None:
        self.out.write_text(edition_yaml(self.name, self.as_of, self.proposals, self.source),
                            encoding="utf-8")


def plan(edition: Edition, today: dt.date, options: dict[str, str]) -> Plan:
    """The refresh `options` (as_of, name, out, force, model_db) checked, and the proposal."""
    try:
        as_of = dt.date.fromisoformat(options.get("as_of", today.isoformat()))
    except ValueError:
        raise UserError("as_of must be a date, YYYY-MM-DD") from None
    name = options.get("name") or f"{as_of.year}-H{1 if as_of.month <= 6 else 2}"
    if not re.match(r"^[\w.-]+$", name):
        raise UserError(f"name must be a plain edition name (got '{name}')")
    out = Path(options["out"]) if options.get("out") else CONFIG_DIR / "tiers" / f"{name}.yaml"
    if out.exists() and options.get("force", "false").lower() != "true":
        raise UserError(f"{out} exists: pass force=true to overwrite it")
    db_dir = Path(options["model_db"]) if options.get("model_db") else None
    if db_dir is not None and not db_dir.is_dir():
        raise UserError(f"model_db must be a folder of model .yml files (got {db_dir})")
    return Plan(name, as_of, out, edition, propose(edition, as_of, load_model_db(db_dir),
                                                  load_rules()))
