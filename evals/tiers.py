"""Tier lists (configs/tiers/<edition>.yaml): models per tier, API keys, prices, staleness.

Prices come from genai-prices (or an override in the edition file) and are registered with inspect
so inspect records `total_cost` itself; per-call prices with long-context tiers and cache rates
are computed with genai-prices from each call's usage (`price_call`).
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
from dataclasses import dataclass, field
from typing import Any

from inspect_ai.model import ModelUsage

from evals.constants import EXECUTION, REASONING, TIERS
from evals.errors import TierError

STALE_DAYS = 183
# API key variables per inspect provider prefix; any one of them is enough
PROVIDER_KEYS: dict[str, tuple[str, ...]] = {
    "anthropic": ("ANTHROPIC_API_KEY",),
    "openai": ("OPENAI_API_KEY",),
    "google": ("GOOGLE_API_KEY", "GEMINI_API_KEY", "VERTEX_API_KEY"),
    "grok": ("XAI_API_KEY",),
    "mistral": ("MISTRAL_API_KEY",),
    "deepseek": ("DEEPSEEK_API_KEY",),
    "together": ("TOGETHER_API_KEY",),
    "openrouter": ("OPENROUTER_API_KEY",),
    "local": (),
    "mockllm": (),
}
# inspect provider prefix -> genai-prices provider id
PRICE_PROVIDER = {"anthropic": "anthropic", "openai": "openai", "google": "google",
                  "grok": "x-ai", "mistral": "mistral", "deepseek": "deepseek",
                  "together": "together", "openrouter": "openrouter"}


@dataclass(frozen=True)
class Price:
    input: float  # USD per million tokens
    output: float
    cache_read: float
    cache_write: float
    source: str  # "genai-prices x.y.z" | "override" | "free (local)"


@dataclass(frozen=True)
class TierModel:
    name: str  # short key used in `models=[...]`
    tier: str
    model: str  # inspect model string
    display: str
    solver: str | None = None
    context_tokens: int | None = None
    generate: dict[str, Any] = field(default_factory=dict)
    model_args: dict[str, Any] = field(default_factory=dict)
    price: dict[str, float] | None = None

    @property
    def provider(self) -> str:
        return self.model.split("/", 1)[0]

    @property
    def is_local(self) -> bool:
        return self.provider in ("local", "mockllm")


@dataclass(frozen=True)
class Edition:
    name: str
    made_on: dt.date
    models: tuple[TierModel, ...]
    description: str = ""

    def age_days(self, today: dt.date | None = None) -> int:
        return ((today or dt.date.today()) - self.made_on).days

    def stale(self, today: dt.date | None = None) -> bool:
        return self.age_days(today) > STALE_DAYS


def edition_problems(edition: Edition, today: dt.date | None = None) -> list[str]:
    """What `tiers check` fails on and `run` warns about: age past six months, unpriced models."""
    problems = []
    if edition.stale(today):
        problems.append(f"tier list '{edition.name}' is {edition.age_days(today)} days old (made "
                        f"{edition.made_on}, limit {STALE_DAYS}): run `python -m evals tiers refresh`")
    unpriced = [m.name for m in edition.models if base_price(m) is None]
    if unpriced:
        problems.append(f"no price for {', '.join(unpriced)} (cost will be reported as unknown)")
    return problems


def load_edition(raw: dict[str, Any]) -> Edition:
    """An edition from its (hydra-composed) mapping."""
    name = str(raw.get("edition") or "?")
    try:
        made_on = dt.date.fromisoformat(str(raw.get("made_on")))
    except ValueError:
        raise TierError(f"tier list '{name}': made_on must be a YYYY-MM-DD date") from None
    tiers = raw.get("tiers") or {}
    if not isinstance(tiers, dict) or set(tiers) - set(TIERS):
        raise TierError(f"tier list '{name}': tiers must have only {' and '.join(TIERS)}")
    models = []
    for tier in TIERS:
        for m in tiers.get(tier) or []:
            if not isinstance(m, dict) or "name" not in m or "model" not in m:
                raise TierError(f"tier list '{name}': every model needs 'name' and 'model'")
            if "/" not in str(m["model"]):
                raise TierError(f"tier list '{name}': model '{m['model']}' must be provider/model")
            models.append(TierModel(
                name=str(m["name"]), tier=tier, model=str(m["model"]),
                display=str(m.get("display", m["name"])), solver=m.get("solver"),
                context_tokens=m.get("context_tokens"),
                generate=dict(m.get("generate") or {}),
                model_args=dict(m.get("model_args") or {}),
                price=dict(m["price"]) if m.get("price") else None,
            ))
    names = [m.name for m in models]
    if len(set(names)) != len(names):
        raise TierError(f"tier list '{name}': model names must be distinct")
    return Edition(name, made_on, tuple(models), str(raw.get("description", "")))


def select_models(edition: Edition, names: list[str] | None) -> list[TierModel]:
    if not names:
        return list(edition.models)
    known = {m.name: m for m in edition.models} | {m.model: m for m in edition.models}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise TierError(
            f"unknown model '{unknown[0]}' for tier list '{edition.name}' "
            f"(known: {', '.join(m.name for m in edition.models)})"
        )
    return [known[n] for n in dict.fromkeys(names)]


def key_vars(m: TierModel) -> tuple[str, ...]:
    """The environment variables that can hold `m`'s API key (any one is enough); none when the
    tier list gives the key itself (`model_args: {api_key: ...}`, e.g. a local server)."""
    if "api_key" in m.model_args:
        return ()
    if m.provider == "openai-api":  # inspect's OpenAI-compatible provider: <SERVICE>_API_KEY
        service = m.model.split("/")[1] if m.model.count("/") >= 2 else ""
        return (f"{service.upper().replace('-', '_')}_API_KEY",) if service else ()
    return PROVIDER_KEYS.get(m.provider, ())


def missing_keys(models: list[TierModel]) -> list[tuple[TierModel, str]]:
    """(model, variable) for every model whose API key is not set."""
    out = []
    for m in models:
        vars_ = key_vars(m)
        if vars_ and not any(os.environ.get(v) for v in vars_):
            out.append((m, vars_[0]))
    return out


def price_ratio(edition: Edition) -> tuple[float, float] | None:
    """Mean reasoning-tier price over mean execution-tier price (input, output), over each
    tier's priced models; None when a tier is empty, free or unpriced."""
    means: dict[str, list[Price]] = {t: [] for t in TIERS}
    for m in edition.models:
        p = base_price(m)
        if p is not None:
            means[m.tier].append(p)
    r, e = means[REASONING], means[EXECUTION]
    if not r or not e or not all(p.input and p.output for p in e):
        return None
    def mean(ps: list[Price], attr: str) -> float:
        return sum(getattr(p, attr) for p in ps) / len(ps)
    return (mean(r, "input") / mean(e, "input"), mean(r, "output") / mean(e, "output"))


def genai_prices_version() -> str:
    try:
        return importlib.metadata.version("genai-prices")
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _model_ref(m: TierModel) -> tuple[str, str]:
    ref = m.model.split("/", 1)[1]
    return PRICE_PROVIDER.get(m.provider, m.provider), ref.split("/")[-1]


def base_price(m: TierModel) -> Price | None:
    """Price per million tokens at the base (short-context) rate, or None when unknown."""
    if m.price is not None:
        p = m.price
        return Price(float(p.get("input", 0)), float(p.get("output", 0)),
                     float(p.get("cache_read", p.get("input", 0))),
                     float(p.get("cache_write", p.get("input", 0))), "override")
    if m.is_local:
        return Price(0.0, 0.0, 0.0, 0.0, "free (local)")
    from genai_prices import Usage, calc_price

    provider, ref = _model_ref(m)
    per = 1000  # a small call, so long-context tiers never apply

    def rate(**usage: int) -> tuple[float, float]:
        c = calc_price(Usage(**usage), model_ref=ref, provider_id=provider)
        return float(c.input_price) * 1e6 / per, float(c.output_price) * 1e6 / per

    try:
        inp, out = rate(input_tokens=per, output_tokens=per)
        read, _ = rate(input_tokens=per, cache_read_tokens=per)
        write, _ = rate(input_tokens=per, cache_write_tokens=per)
    except (LookupError, ValueError):
        return None
    return Price(round(inp, 6), round(out, 6), round(read, 6), round(write, 6),
                 f"genai-prices {genai_prices_version()}")


# models of the current run, by inspect model string, for per-call pricing in the scorer
REGISTERED: dict[str, TierModel] = {}


def register_prices(models: list[TierModel]) -> dict[str, dict[str, Any]]:
    """Tell inspect each model's price (so it records total_cost); return the snapshot."""
    from inspect_ai.model import ModelCost, ModelInfo, set_model_info

    snapshot: dict[str, dict[str, Any]] = {}
    for m in models:
        REGISTERED[m.model] = m
        p = base_price(m)
        if p is None:
            snapshot[m.model] = {"source": "unknown"}
            continue
        set_model_info(m.model, ModelInfo(cost=ModelCost(
            input=p.input, output=p.output, input_cache_read=p.cache_read,
            input_cache_write=p.cache_write)))
        snapshot[m.model] = {"input": p.input, "output": p.output, "cache_read": p.cache_read,
                             "cache_write": p.cache_write, "source": p.source}
    return snapshot


def price_call(m: TierModel, usage: ModelUsage) -> float | None:
    """One call's price: genai-prices with its long-context tiers and cache rates."""
    if m.price is not None or m.is_local:
        p = base_price(m)
        assert p is not None
        return ((usage.input_tokens or 0) * p.input + (usage.output_tokens or 0) * p.output
                + (usage.input_tokens_cache_read or 0) * p.cache_read
                + (usage.input_tokens_cache_write or 0) * p.cache_write) / 1e6
    from genai_prices import Usage, calc_price

    provider, ref = _model_ref(m)
    cr, cw = usage.input_tokens_cache_read or 0, usage.input_tokens_cache_write or 0
    try:
        calc = calc_price(Usage(input_tokens=(usage.input_tokens or 0) + cr + cw,
                                output_tokens=usage.output_tokens or 0,
                                cache_read_tokens=cr, cache_write_tokens=cw),
                          model_ref=ref, provider_id=provider)
    except (LookupError, ValueError):
        return None
    return float(calc.total_price)
