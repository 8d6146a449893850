"""A child process that owns one llama.cpp model and generates in its own main thread.

Why a process: llama-cpp-python's OpenMP build runs a quarter slower when called from any
thread but the process's main thread (measured in benchmarks/local_speed.py's history), and
inspect's event loop owns the main thread of the parent. Here the model runs on the child's
main thread at raw llama.cpp speed; the parent waits on a pipe from a worker thread, which
costs no CPU and leaves its event loop free (sandboxes and scoring go on meanwhile).

Protocol: length-prefixed pickles over the child's stdin and a duplicate of its original
stdout; fd 1 is pointed at stderr, so anything llama.cpp prints cannot corrupt the stream.
Requests: ("chat", {"request": dict, "loop_stop": bool}) -> ("ok", response) | ("err", message);
("tokenize", text) -> ("ok", n_tokens). EOF on stdin ends the child.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
from typing import Any, BinaryIO

_HEADER = struct.Struct("!Q")


def send(stream: BinaryIO, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def receive(stream: BinaryIO) -> Any:
    """The next message, or raise EOFError when the other side is gone."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def load(path: str, n_ctx: int, n_threads: int) -> Any:
    """Extra buffer types are off: llama.cpp's AMX kernels crash on some CPUs that advertise
    AMX (seen here), and repacking buys nothing measurable for a 135M model (50.5 vs 50.4
    tokens/s, 4 rounds each, on this 2-core machine)."""
    import llama_cpp
    import llama_cpp.llama as llama_mod

    default_params = llama_cpp.llama_model_default_params

    def params() -> Any:
        p = default_params()
        p.use_extra_bufts = False
        return p

    llama_mod.llama_cpp.llama_model_default_params = params
    try:
        return llama_cpp.Llama(model_path=path, n_ctx=n_ctx, n_threads=n_threads, verbose=False,
                               flash_attn=True)
    finally:
        llama_mod.llama_cpp.llama_model_default_params = default_params


LOOP_MIN_TOKENS = 96  # a verbatim loop must span at least this many tokens ...
LOOP_MIN_REPEATS = 4  # ... and repeat its period at least this often
LOOP_MAX_PERIOD = 256


class LoopStop:
    """A logits processor that ends the answer once it has become a verbatim loop.

    Small models at temperature 0 fall into repeating one passage until the token cap (39 of
    40 SmolLM2 tickets answers ran to 1024 tokens, most of them one sentence over and over).
    Once the generated tail is periodic (period p <= 256 tokens, spanning max(4p, 96) tokens),
    only end-of-text may follow: everything the answer would still say is that passage again.
    Checked every 4th token with numpy, which costs well under 1% of a token's time.
    """

    def __init__(self, eos: int) -> None:
        self.eos = eos
        self.start: int | None = None
        self.stopped: dict[str, int] | None = None

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        import numpy as np

        if self.start is None:
            self.start = len(input_ids)  # first call: the prompt alone
        ids = np.asarray(input_ids[self.start:])
        n = len(ids)
        if self.stopped is None and n >= LOOP_MIN_TOKENS and n % 4 == 0:
            for period in range(1, min(LOOP_MAX_PERIOD, n // LOOP_MIN_REPEATS) + 1):
                span = max(LOOP_MIN_REPEATS * period, LOOP_MIN_TOKENS)
                if span > n:
                    break
                if np.array_equal(ids[n - span + period:], ids[n - span:n - period]):
                    self.stopped = {"period": period, "at_token": n}
                    break
        if self.stopped is not None:
            scores[:] = -np.inf
            scores[self.eos] = 0.0
        return scores


def chat(llm: Any, n_ctx: int, request: dict[str, Any], loop_stop: bool = True) -> dict[str, Any]:
    # leave room for the answer: a truncated prompt would corrupt the task
    prompt_tokens = len(llm.tokenize(
        "".join(m["content"] for m in request["messages"]).encode("utf-8"), add_bos=False))
    room = n_ctx - prompt_tokens - 64
    req = dict(request, max_tokens=min(request["max_tokens"], max(16, room)))
    llm.reset()
    if not loop_stop:
        return llm.create_chat_completion(**req)
    import llama_cpp

    stop = LoopStop(llm.token_eos())
    response = llm.create_chat_completion(
        **req, logits_processor=llama_cpp.LogitsProcessorList([stop]))
    if stop.stopped is not None:
        response["loop_stopped"] = stop.stopped
    return response


def main(argv: list[str]) -> int:
    path, n_ctx, n_threads = argv[0], int(argv[1]), int(argv[2])
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints from C go to stderr, never into the protocol
    sys.stdout = sys.stderr
    inp = sys.stdin.buffer
    try:
        llm = load(path, n_ctx, n_threads)
    except Exception as ex:  # llama.cpp raises ValueError/RuntimeError on a bad file
        send(out, ("err", f"cannot load {path}: {ex}"))
        return 1
    send(out, ("ok", "ready"))
    while True:
        try:
            op, arg = receive(inp)
        except EOFError:
            return 0
        try:
            if op == "chat":
                reply = ("ok", chat(llm, n_ctx, arg["request"], arg.get("loop_stop", True)))
            elif op == "tokenize":
                reply = ("ok", len(llm.tokenize(arg.encode("utf-8"), add_bos=False)))
            else:
                reply = ("err", f"unknown request {op!r}")
        except Exception as ex:
            reply = ("err", f"{type(ex).__name__}: {ex}")
        send(out, reply)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
