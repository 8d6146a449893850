"""The cost scorer, shared by every suite (docs/design.md section 5): what a sample's model
calls cost, each call priced from its own usage.

inspect records one total per model (`total_cost`) at the base rate it was told. This prices
every call again with genai-prices, long-context tiers and cache rates included
(`tiers.price_call`), and prices calls a cache answered from their cached usage, so a sample
costs the same with or without a cache. inspect's own total is kept beside it for comparison.
"""

from __future__ import annotations

from typing import Any

from inspect_ai.model import ModelUsage
from inspect_ai.scorer import Score, Scorer, Target, scorer
from inspect_ai.solver import TaskState

from evals.constants import COST, EXECUTOR


def usage_summary(usage: dict[str, ModelUsage]) -> dict[str, float | int | None]:
    """Tokens by kind and inspect's own cost total (None when a model with usage is unpriced)."""
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
        "inspect_cost_usd": None if cost is None else round(cost, 8),
        "input_tokens": tokens_in,
        "output_tokens": tokens_out,
        "reasoning_tokens": reasoning,
        "cache_read_tokens": cache_read,
        "cache_write_tokens": cache_write,
    }


def price_calls(events: list[Any]) -> float | None:
    """Sum of each model call's price. None when a call's model is not one registered for this
    run or has no known price: the caller falls back to inspect's total."""
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


def _sample_usage() -> dict[str, ModelUsage]:
    """The active sample's usage per model (empty outside an eval)."""
    from inspect_ai.model._model import sample_model_usage

    return dict(sample_model_usage())


def _sample_role_usage() -> dict[str, ModelUsage]:
    """The active sample's usage per model role (empty outside an eval)."""
    from inspect_ai.model._model import sample_role_usage

    return dict(sample_role_usage())


def _model_events() -> list[Any]:
    from inspect_ai.event import ModelEvent
    from inspect_ai.log import transcript

    return [e for e in transcript().events if isinstance(e, ModelEvent)]


# calls a scorer makes with this model role (the architecture suite's judge) are the grading's
# cost, not the answer's: priced apart as `judge_cost_usd`, their tokens left out of the sample's
JUDGE_ROLE = "judge"
_TOKEN_KEYS = {"input_tokens": "input_tokens", "output_tokens": "output_tokens",
               "reasoning_tokens": "reasoning_tokens",
               "cache_read_tokens": "input_tokens_cache_read",
               "cache_write_tokens": "input_tokens_cache_write"}


def without_judge(usage: dict[str, float | int | None], judge: ModelUsage | None
                  ) -> dict[str, float | int | None]:
    """The usage summary less the judge role's usage (inspect counts it in the sample's too)."""
    if judge is None:
        return usage
    out = dict(usage)
    for key, attr in _TOKEN_KEYS.items():
        out[key] = max(0, int(out[key] or 0) - int(getattr(judge, attr, 0) or 0))
    if out["inspect_cost_usd"] is not None and judge.total_cost is not None:
        out["inspect_cost_usd"] = round(max(0.0, float(out["inspect_cost_usd"])
                                            - judge.total_cost), 8)
    return out


def role_costs(events: list[Any]) -> dict[str, float | None]:
    """A workflow's calls priced and counted per model role (`planner_cost_usd`,
    `executor_calls`, ...): the task's own model, which has no role, is the executor."""
    roles = {None} | {getattr(e, "role", None) for e in events}
    out: dict[str, float | None] = {}
    for role in sorted(roles, key=lambda r: r or ""):
        calls = [e for e in events if getattr(e, "role", None) == role]
        priced = price_calls(calls)
        out[f"{role or EXECUTOR}_cost_usd"] = round(priced, 8) if priced is not None else None
        out[f"{role or EXECUTOR}_calls"] = len(calls)
    return out


@scorer(metrics=[])
def cost(by_role: bool = False) -> Scorer:
    """`cost_usd` of the sample (None when a call's price is unknown), tokens in the metadata;
    a judge's calls priced apart (`judge_cost_usd`); `by_role`: each model role's calls too.
    No metric: an unknown price is None, and the report sums spend itself."""

    async def score(state: TaskState, target: Target) -> Score:
        events = _model_events()
        judge = [e for e in events if getattr(e, "role", None) == JUDGE_ROLE]
        own = [e for e in events if getattr(e, "role", None) != JUDGE_ROLE]
        usage = without_judge(usage_summary(_sample_usage()),
                              _sample_role_usage().get(JUDGE_ROLE))
        per_call = price_calls(own)
        value: dict[str, float | None] = {
            COST: round(per_call, 8) if per_call is not None else usage["inspect_cost_usd"]}
        if judge:
            judged = price_calls(judge)
            value["judge_cost_usd"] = round(judged, 8) if judged is not None else None
        if by_role:  # a workflow's sample: what each of its models' calls cost
            value.update(role_costs(own))
        return Score(value=value, metadata={"usage": usage})

    return score
