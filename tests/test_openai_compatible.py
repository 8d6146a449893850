"""Any OpenAI-compatible server as a tier model (llama.cpp's server, vLLM, Ollama): a tier list
entry with `model_args: {base_url: ...}`, run through the real inspect OpenAI clients against a
minimal server this test starts on loopback."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from inspect_ai.log import list_eval_logs, read_eval_log

from evals.cli import main
from evals.sandbox.bwrap import bwrap_problem

pytestmark = pytest.mark.skipif(bwrap_problem() is not None, reason=str(bwrap_problem()))


class _Stub(BaseHTTPRequestHandler):
    """/v1/chat/completions with a fixed answer and usage; remembers every request."""

    seen: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        type(self).seen.append({"path": self.path, "auth": self.headers.get("Authorization"),
                                **body})
        if self.path.rstrip("/") != "/v1/chat/completions":
            self.send_response(404)
            self.end_headers()
            return
        answer = {"id": "cmpl-1", "object": "chat.completion", "created": 0,
                  "model": body.get("model"),
                  "choices": [{"index": 0, "finish_reason": "stop",
                               "message": {"role": "assistant", "content": "No change needed."}}],
                  "usage": {"prompt_tokens": 321, "completion_tokens": 7, "total_tokens": 328}}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():  # noqa: ANN201
    _Stub.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


def test_openai_compatible_servers_as_tier_models(server: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # the form a llama.cpp / vLLM / Ollama server takes: inspect's `openai-api/<service>/<model>`
    # with the key in <SERVICE>_API_KEY; and plain `openai/<model>` with the key in the list
    # (inspect sends a model name it does not know to OpenAI's Responses API, which these
    # servers may lack: `responses_api: false` keeps it on chat completions)
    monkeypatch.setenv("LLAMACPP_API_KEY", "local-key")
    tiers = tmp_path / "tiers.yaml"
    tiers.write_text(
        "edition: local-servers\nmade_on: 2026-11-01\ntiers:\n  execution:\n"
        "    - {name: served-small, model: openai-api/llamacpp/qwen2.5-coder-1.5b, solver: oneshot,"
        f" price: {{input: 0, output: 0}}, model_args: {{base_url: '{server}'}}}}\n"
        "  reasoning:\n"
        "    - {name: served-large, model: openai/qwen2.5-coder-32b, solver: oneshot,"
        f" price: {{input: 0, output: 0}}, model_args: {{base_url: '{server}', "
        "api_key: not-needed, responses_api: false}}\n")
    rc = main(["run", "+suite=tickets", f"tiers={tiers}", "task_ids=[textkit-top-words-ties]",
               "display=none", f"results_dir={tmp_path / 'runs'}", "run_id=o1"])
    assert rc == 0
    models = sorted(r["model"] for r in _Stub.seen)
    assert models == ["qwen2.5-coder-1.5b", "qwen2.5-coder-32b"]
    assert {r["auth"] for r in _Stub.seen} == {"Bearer local-key", "Bearer not-needed"}
    assert all("textkit" in json.dumps(r["messages"]) for r in _Stub.seen)  # the ticket's files
    logs = list_eval_logs(str(tmp_path / "runs" / "o1" / "logs"))
    assert len(logs) == 2
    for info in logs:
        [s] = read_eval_log(info).samples
        assert s.error is None and s.scores["ticket_scorer"].value["correct"] == 0
        [usage] = s.model_usage.values()
        assert (usage.input_tokens, usage.output_tokens) == (321, 7)


def test_a_served_model_without_its_key_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("VLLM_API_KEY", raising=False)
    tiers = tmp_path / "tiers.yaml"
    tiers.write_text(
        "edition: x\nmade_on: 2026-11-01\ntiers:\n  execution:\n"
        "    - {name: v, model: openai-api/vllm/some-model,"
        " model_args: {base_url: 'http://127.0.0.1:9/v1'}}\n  reasoning: []\n")
    assert main(["run", "+suite=tickets", f"tiers={tiers}", f"results_dir={tmp_path}"]) == 2
    err = capsys.readouterr().err
    assert "error: VLLM_API_KEY is not set: needed for openai-api/vllm/some-model" in err
    assert not (tmp_path / "runs").exists()
