"""A child process that owns one llama.cpp model and generates in its own main thread.

Why a process: llama-cpp-python's OpenMP build runs a quarter slower when called from any
thread but the process's main thread (measured in benchmarks/local_speed.py's history), and
inspect's event loop owns the main thread of the parent. Here the model runs on the child's
main thread at raw llama.cpp speed; the parent waits on a pipe from a worker thread, which
costs no CPU and leaves its event loop free (sandboxes and scoring go on meanwhile).

Protocol: length-prefixed pickles over the child's stdin and a duplicate of its original
stdout; fd 1 is pointed at stderr, so anything llama.cpp prints cannot corrupt the stream.
Requests: ("chat", request_dict) -> ("ok", response) | ("err", message);
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
        return llama_cpp.Llama(model_path=path, n_ctx=n_ctx, n_threads=n_threads, verbose=False)
    finally:
        llama_mod.llama_cpp.llama_model_default_params = default_params


def chat(llm: Any, n_ctx: int, request: dict[str, Any]) -> dict[str, Any]:
    # leave room for the answer: a truncated prompt would corrupt the task
    prompt_tokens = len(llm.tokenize(
        "".join(m["content"] for m in request["messages"]).encode("utf-8"), add_bos=False))
    room = n_ctx - prompt_tokens - 64
    req = dict(request, max_tokens=min(request["max_tokens"], max(16, room)))
    llm.reset()
    return llm.create_chat_completion(**req)


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
                reply = ("ok", chat(llm, n_ctx, arg))
            elif op == "tokenize":
                reply = ("ok", len(llm.tokenize(arg.encode("utf-8"), add_bos=False)))
            else:
                reply = ("err", f"unknown request {op!r}")
        except Exception as ex:
            reply = ("err", f"{type(ex).__name__}: {ex}")
        send(out, reply)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
