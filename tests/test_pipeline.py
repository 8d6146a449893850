"""The whole pipeline with scripted mockllm models of known behaviour, and the real local model.

mockllm outputs always carry `usage` (without it mockllm calls tiktoken, which goes online).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval
from inspect_ai.log import read_eval_log
from inspect_ai.model import ModelOutput, ModelUsage, get_model
from inspect_ai.tool import ToolCall

from evals.sandbox.bwrap import bwrap_problem
from evals.suites.tickets.task import tickets
from evals.tiers import TierModel, register_prices
from tests.conftest import decoy, file_blocks, patched_files

pytestmark = pytest.mark.skipif(bwrap_problem() is not None, reason=str(bwrap_problem()))
TASKS = ["textkit-top-words-ties", "inventory-sku-input-normalization"]
USAGE = ModelUsage(input_tokens=1000, output_tokens=200, total_tokens=1200)


def _task_of(messages, specs) -> str:
    text = "\n".join(m.text for m in messages)
    return next(tid for tid in TASKS if specs[tid].ticket[:200] in text)


def test_oneshot_reference_vs_decoy_models(ticket_specs, tmp_path: Path) -> None:
    """One model answers with each reference, another with a correct-but-deviated decoy."""
    ref = {t: file_blocks(patched_files(ticket_specs[t], ticket_specs[t].reference, tmp_path)) for t in TASKS}
    dev = {t: file_blocks(patched_files(ticket_specs[t], decoy(ticket_specs[t], correct=1, deviated=1),
                                        tmp_path)) for t in TASKS}

    def scripted(answers):
        def out(input, tools, tool_choice, config):
            o = ModelOutput.from_content("mockllm/model", answers[_task_of(input, ticket_specs)])
            o.usage = USAGE
            return o
        return out

    register_prices([TierModel("mock", "execution", "mockllm/model", "mock",
                               price={"input": 1.0, "output": 5.0})])
    logs = []
    for answers in (ref, dev):
        model = get_model("mockllm/model", custom_outputs=scripted(answers), memoize=False)
        [log] = inspect_eval(tickets(task_ids=TASKS, sandbox="bwrap"), model=model,
                             log_dir=str(tmp_path / "logs"), display="none")
        logs.append(read_eval_log(log.location))
    for log, want in zip(logs, ({"correct": 1, "deviated": 0, "accepted": 1},
                                {"correct": 1, "deviated": 1, "accepted": 0})):
        assert log.status == "success" and len(log.samples) == len(TASKS)
        for s in log.samples:
            v = s.scores["ticket_scorer"].value
            assert {k: v[k] for k in want} == want, (s.id, s.scores["ticket_scorer"].explanation)
            # priced per call by the cost scorer: 1000 in at $1/M + 200 out at $5/M
            assert s.scores["cost"].value["cost_usd"] == pytest.approx(0.002)
            assert s.metadata["difficulty"] in ("easy", "medium", "hard")
            assert s.metadata["repo"] in ("textkit", "inventory")
            assert s.metadata["temptation"] == ticket_specs[str(s.id)].temptation


def test_agent_solver_edits_inside_the_sandbox(ticket_specs, tmp_path: Path) -> None:
    """A scripted agent: runs a command, writes the reference files with edit_file, submits."""
    tid = TASKS[0]
    files = patched_files(ticket_specs[tid], ticket_specs[tid].reference, tmp_path)
    calls = [ToolCall(id="c0", function="bash", arguments={"command": "git status --short && id -u"})]
    calls += [ToolCall(id=f"c{i + 1}", function="edit_file",
                       arguments={"command": "create", "path": p, "content": text})
              for i, (p, text) in enumerate(files.items())]
    calls.append(ToolCall(id="done", function="submit", arguments={"answer": "Done."}))

    def out(input, tools, tool_choice, config):
        step = sum(1 for m in input if m.role == "assistant")
        o = ModelOutput.for_tool_call("mockllm/model", calls[step].function, calls[step].arguments,
                                      tool_call_id=calls[step].id)
        o.usage = USAGE
        return o

    model = get_model("mockllm/model", custom_outputs=out, memoize=False)
    [log] = inspect_eval(tickets(task_ids=[tid], sandbox="bwrap", solver="agent"), model=model,
                         log_dir=str(tmp_path / "logs"), display="none")
    log = read_eval_log(log.location)
    [s] = log.samples
    v = s.scores["ticket_scorer"].value
    assert (v["correct"], v["deviated"]) == (1, 0), s.scores["ticket_scorer"].explanation
    tool_out = [m.text for m in s.messages if m.role == "tool"]
    assert tool_out and tool_out[0].strip().splitlines()[-1] != "0", tool_out  # not root inside


@pytest.mark.slow
def test_local_model_short_generation_reports_real_usage() -> None:
    import asyncio

    from inspect_ai.model import ChatMessageUser, GenerateConfig

    model = get_model("local/smollm2", config=GenerateConfig(max_tokens=16, temperature=0.0))
    out = asyncio.run(model.generate([ChatMessageUser(content="Say hello.")]))
    assert out.completion.strip()
    assert out.usage is not None and out.usage.input_tokens > 0 and 0 < out.usage.output_tokens <= 16


def test_local_model_by_path_and_unknown_file() -> None:
    from evals.providers.local import LocalModelError, resolve_gguf

    bundled = resolve_gguf("smollm2")
    assert bundled.suffix == ".gguf" and bundled.stat().st_size > 1_000_000
    # `local//abs/path.gguf` reaches the provider without its leading slash
    assert resolve_gguf(str(bundled).lstrip("/")) == bundled
    with pytest.raises(LocalModelError, match="no such GGUF file"):
        resolve_gguf("/nonexistent/model.gguf")


def test_local_model_emulates_tool_calls_in_the_prompt(monkeypatch: pytest.MonkeyPatch) -> None:
    """With tools, the local provider describes them in the prompt, replays earlier calls and
    results as text, and parses `<tool_call>` answers back into tool calls (llama.cpp faked)."""
    import asyncio

    from inspect_ai.model import (
        ChatMessageAssistant,
        ChatMessageSystem,
        ChatMessageTool,
        ChatMessageUser,
    )
    from inspect_ai.tool import bash

    from evals.providers import llama_worker, local

    seen: dict = {}

    class FakeLlama:
        def tokenize(self, data: bytes, add_bos: bool = False) -> list[int]:
            return list(range(len(data) // 4))

        def reset(self) -> None:
            pass

        def create_chat_completion(self, **req):  # noqa: ANN003, ANN201
            seen.update(req)
            text = 'Listing.\n<tool_call>{"name": "bash", "arguments": {"cmd": "ls"}}</tool_call>'
            return {"choices": [{"message": {"content": text}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 40, "completion_tokens": 9, "total_tokens": 49}}

    class FakeWorker:  # the child process's request handling, in this process
        def call(self, op: str, arg):  # noqa: ANN001, ANN201
            assert op == "chat" and arg["loop_stop"] is True
            return llama_worker.chat(FakeLlama(), 8192, arg["request"], loop_stop=False)

    monkeypatch.setattr(local, "worker_for", lambda path, n_ctx: FakeWorker())
    model = get_model("local/smollm2", memoize=False)
    history = [ChatMessageSystem(content="You fix tickets."), ChatMessageUser(content="Fix it."),
               ChatMessageAssistant(content="", tool_calls=[
                   ToolCall(id="c1", function="bash", arguments={"cmd": "pwd"})]),
               ChatMessageTool(content="/work", tool_call_id="c1", function="bash")]
    out = asyncio.run(model.generate(history, tools=[bash()]))
    [call] = out.message.tool_calls
    assert (call.function, call.arguments) == ("bash", {"cmd": "ls"}) and call.parse_error is None
    assert out.stop_reason == "tool_calls" and out.message.text == "Listing."
    roles = [m["role"] for m in seen["messages"]]
    assert roles == ["system", "user", "assistant", "user"]
    system = seen["messages"][0]["content"]
    assert "<tools>" in system and '"name": "bash"' in system and "You fix tickets." in system
    assert '"pwd"' in seen["messages"][2]["content"]
    assert seen["messages"][3]["content"] == "Tool result:\n/work"
    assert out.usage.input_tokens == 40


@pytest.mark.slow
def test_local_model_runs_the_agent_solver_end_to_end(tmp_path: Path) -> None:
    """The real SmolLM2 as an agent, a few turns: whatever it writes is parsed, run in the
    sandbox, and the sample is scored (a 135M model is not expected to fix the ticket)."""
    from evals.cli import main

    rc = main(["run", "+suite=tickets", "solver=agent", f"task_ids=[{TASKS[0]}]",
               "suite.message_limit=6", "suite.max_output_tokens=128", "display=none",
               f"results_dir={tmp_path}", "run_id=a1"])
    assert rc == 0
    [log] = (tmp_path / "a1" / "logs").glob("*.eval")
    [sample] = read_eval_log(str(log)).samples
    assert sample.error is None and "ticket_scorer" in sample.scores
    assert sum(1 for m in sample.messages if m.role == "assistant") >= 2


def test_local_model_worker_reports_a_bad_file_in_one_line(tmp_path: Path) -> None:
    """A file that is not a model fails in the child; the parent raises LocalModelError with
    llama.cpp's reason instead of hanging or crashing, and the worker process is gone."""
    from evals.providers.local import LocalModelError, Worker

    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"not a gguf file" * 100)
    worker = Worker(bad, 512)
    with pytest.raises(LocalModelError, match="cannot load"):
        worker.call("tokenize", "hello")
    worker.close()
    assert worker.proc.poll() is not None


def test_local_model_worker_answers_in_its_own_process() -> None:
    """Generation and token counts come from the child process (not this one), and closing
    the worker ends it."""
    import os

    from evals.providers.local import Worker, resolve_gguf

    worker = Worker(resolve_gguf("smollm2"), 1024)
    try:
        assert worker.proc.pid != os.getpid()
        assert worker.call("tokenize", "hello world") >= 2
        out = worker.call("chat", {"request": {
            "messages": [{"role": "user", "content": "Say hi."}], "max_tokens": 8,
            "temperature": 0.0, "top_p": 1.0, "seed": 0}})
        assert 0 < out["usage"]["completion_tokens"] <= 8
    finally:
        worker.close()
    assert worker.proc.poll() == 0


def test_loop_stop_ends_a_verbatim_loop_and_nothing_else() -> None:
    """LoopStop forces end-of-text once the answer's tail is one passage repeated (period up to
    256 tokens, spanning max(4 periods, 96 tokens)); varied text, and a loop too short to be
    sure of, are left alone. The prompt never counts."""
    import numpy as np

    from evals.providers.llama_worker import LoopStop

    def feed(tokens: list[int], prompt: int = 50) -> tuple[LoopStop, np.ndarray]:
        stop = LoopStop(eos=2)
        ids = list(range(1000, 1000 + prompt))
        stop(np.array(ids), np.zeros(8))  # the first call sees the prompt alone
        scores = np.zeros(8)
        for t in tokens:
            ids.append(t)
            scores = stop(np.array(ids), np.zeros(8))
        return stop, scores

    rng = np.random.default_rng(0)
    varied = [int(x) for x in rng.integers(10, 5000, size=600)]
    stop, scores = feed(varied)
    assert stop.stopped is None and np.isfinite(scores).all()
    sentence = [int(x) for x in rng.integers(10, 5000, size=17)]
    stop, scores = feed(varied[:40] + sentence * 8)
    assert stop.stopped is not None and stop.stopped["period"] == 17
    assert scores[2] == 0.0 and np.isneginf(np.delete(scores, 2)).all()
    # three repeats of a 17-token sentence (51 tokens) is not yet a loop
    stop, _ = feed(varied[:40] + sentence * 3)
    assert stop.stopped is None
    # a prompt that repeats itself is not the answer's loop
    stop = LoopStop(eos=2)
    looped_prompt = sentence * 10
    stop(np.array(looped_prompt), np.zeros(8))
    for t in varied[:120]:
        looped_prompt.append(t)
        stop(np.array(looped_prompt), np.zeros(8))
    assert stop.stopped is None
