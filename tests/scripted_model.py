"""A model provider for tests of the `run` command: `scripted/<name>` plays a JSON script.

It goes through exactly the path a real provider does (`get_model` from a tier list, inspect's
retries, usage, hooks), without a network. Import this module to register it. The script
(model_args: {script: <path>}):

    {"usage": {"input_tokens": 1000, "output_tokens": 100},   # every call's usage
     "answers": {"<task id>": "<final text>", "*": "<default>"},  # oneshot answers
     "calls": {"<task id>": [["bash", {"command": "..."}], ...]},  # agent: one call per turn,
                                                                  # then the answer
     "transient": 2,          # the first N calls of each sample fail with a retryable error
     "broken": ["<task id>"]} # every call for these tasks fails with a non-retryable error

Calls are counted per (task, epoch) in `CALLS`, so a test can tell what was called and how often.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from inspect_ai.model import (
    ChatMessage,
    GenerateConfig,
    ModelAPI,
    ModelOutput,
    ModelUsage,
    modelapi,
)
from inspect_ai.tool import ToolChoice, ToolInfo

CALLS: Counter[str] = Counter()  # "<task id>" -> calls that reached the model, failed ones too
# every call that reached a model: {"model", "task", "text" (all its messages' text)}, so a test
# can tell which model was asked what (a workflow's plan, an escalation's hand-over)
SEEN: list[dict[str, str]] = []


class TransientError(Exception):
    """What a rate limit or a 503 looks like to the retry logic."""


class BrokenError(Exception):
    """A request the provider rejects every time."""


@modelapi(name="scripted")
class ScriptedAPI(ModelAPI):
    def __init__(self, model_name: str, base_url: str | None = None, api_key: str | None = None,
                 config: GenerateConfig = GenerateConfig(), script: str = "", **_: Any) -> None:
        super().__init__(model_name, base_url, api_key, [], config)
        self.script = json.loads(Path(script).read_text())
        self.failed: Counter[str] = Counter()

    async def generate(self, input: list[ChatMessage], tools: list[ToolInfo],
                       tool_choice: ToolChoice, config: GenerateConfig) -> ModelOutput:
        from inspect_ai.log._samples import sample_active

        active = sample_active()
        tid = str(active.sample.id) if active is not None else "?"
        key = f"{tid}#{active.epoch if active is not None else 0}"
        CALLS[tid] += 1
        SEEN.append({"model": self.model_name, "task": tid,
                     "text": "\n".join(m.text for m in input)})
        if tid in self.script.get("broken", []):
            raise BrokenError(f"scripted provider rejects every request for {tid}")
        if self.failed[key] < int(self.script.get("transient", 0)):
            self.failed[key] += 1
            raise TransientError(f"scripted 503 #{self.failed[key]} for {tid}")
        step = sum(1 for m in input if m.role == "assistant")
        calls = self.script.get("calls", {}).get(tid, [])
        name = f"scripted/{self.model_name}"
        if step < len(calls):
            fn, args = calls[step]
            out = ModelOutput.for_tool_call(name, fn, args, tool_call_id=f"c{step}")
        else:
            answers = self.script.get("answers", {})
            out = ModelOutput.from_content(name, answers.get(tid, answers.get("*", "No change.")))
        u = self.script.get("usage", {"input_tokens": 1000, "output_tokens": 100})
        out.usage = ModelUsage(input_tokens=u["input_tokens"], output_tokens=u["output_tokens"],
                               total_tokens=u["input_tokens"] + u["output_tokens"])
        return out

    def should_retry(self, ex: Exception) -> bool:
        return isinstance(ex, TransientError)

    def connection_key(self) -> str:
        return f"scripted/{self.model_name}"


def write_tiers(path: Path, script: Path, *, price: dict[str, float] | None = None,
                solver: str = "oneshot", names: tuple[str, ...] = ("dev",),
                reasoning: tuple[str, ...] = (), reasoning_script: Path | None = None,
                reasoning_price: dict[str, float] | None = None) -> Path:
    """A tier list file with scripted execution-tier models playing `script` (and reasoning-tier
    models playing `reasoning_script`)."""
    def entries(names: tuple[str, ...], script: Path, price: dict[str, float]) -> str:
        return "\n".join(
            f"    - {{name: {n}, model: scripted/{n}, solver: {solver}, "
            f"price: {{input: {price['input']}, output: {price['output']}}}, "
            f"model_args: {{script: '{script}'}}}}" for n in names) or "    []"

    price = price or {"input": 1.0, "output": 5.0}
    exe = entries(names, script, price)
    rea = entries(reasoning, reasoning_script or script, reasoning_price or price)
    path.write_text(f"edition: scripted\nmade_on: 2026-11-01\ntiers:\n  execution:\n{exe}\n"
                    f"  reasoning:\n{rea}\n".replace(":\n    []", ": []"))
    return path
