"""Cost and tokens of a sample, from inspect's own per-sample model usage.

Prices are registered with inspect before a run (evals/tiers.py), so inspect computes
`total_cost` per call; this only sums what inspect recorded.
"""

from __future__ import annotations

from typing import Any

from inspect_ai.model import ModelUsage


def usage_summary(usage: dict[str, ModelUsage]) -> dict[str, float | int | None]:
    cost: float | None = 0.0
    tokens_in = tokens_out = reasoning = cache_read = cache_write = 0
    for u in usage.values():
        tokens_in += u.input_tokens or 0
        tokens_out += u.output_tokens or 0
        reasoning += u.reasoning_tokens or 0
        cache_read += u.input_tokens_cache_read or 0
        cache_write += u.input_tokens_cache_write or 0
        if u.total_cost is None:
            if (u.input_tokens or u.output_tokens) and cost is not None:
                cost = None  # used tokens with no known price: never report it as free
        elif cost is not None:
            cost += u.total_cost
    return {
        "cost_usd": None if cost is None else round(cost, 8),
        "input_tokens": tokens_in,
        "output_tokens": tokens_out,
        "reasoning_tokens": reasoning,
        "cache_read_tokens": cache_read,
        "cache_write_tokens": cache_write,
    }


def current_sample_usage() -> dict[str, ModelUsage]:
    """The active sample's usage per model (empty outside an eval)."""
    from inspect_ai.model._model import sample_model_usage

    return dict(sample_model_usage())


def priced_calls_cost(events: list[Any]) -> float | None:
    """Sum of each model call's price with genai-prices' long-context tiers and cache rates.

    Cached calls (which inspect records no usage for) are priced from their cached usage, so a
    sample costs the same whether or not a cache answered. None when a call's model is not one
    registered for this run or has no known price: the caller falls back to inspect's total.
    """
    from evals.tiers import REGISTERED, price_call

    total = 0.0
    for ev in events:
        usage = ev.output.usage if ev.output else None
        if usage is None:
            continue
        tm = REGISTERED.get(ev.model) or next(
            (m for k, m in REGISTERED.items() if k.split("/", 1)[-1] == ev.model), None)
        if tm is None:
            return None
        price = price_call(tm, usage)
        if price is None:
            return None
        total += price
    return total


def sample_model_events() -> list[Any]:
    from inspect_ai.event import ModelEvent
    from inspect_ai.log import transcript

    return [e for e in transcript().events if isinstance(e, ModelEvent)]
