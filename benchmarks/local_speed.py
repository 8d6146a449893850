"""The local provider's generation speed against raw llama.cpp (issue 16, target >= 0.95x).

Both generate from the same prompt with the same settings (temperature 0, seed 0, the same
max_tokens) on a fresh context, and both count prompt processing: the time is from the request
to the last token. Raw is `llama_cpp.Llama.create_chat_completion` after `reset()`, called from
this process's main thread, on a model loaded with the provider's settings (`llama_worker.load`:
its thread count, where llama-cpp-python's default is half the cores, and flash attention); the
provider is `get_model("local/smollm2")`'s `generate`, through inspect, as a run calls it (its
child process and the pipe), with the loop check off so both generate the same tokens. Rounds
alternate (raw, provider) so that a noisy neighbour hits both alike; the ratio is of the medians of tokens per second.

    python benchmarks/local_speed.py [--rounds 5] [--max-tokens 256]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SYSTEM = "You are a software engineer. Answer the ticket with the changed files."
USER = (ROOT / "tasks" / "_repos" / "textkit" / "textkit" / "slug.py").read_text() + (
    "\n\nAdd a max_length parameter to slugify that cuts the slug at a word boundary.")


def raw_round(llm, max_tokens: int) -> tuple[int, float]:  # noqa: ANN001
    llm.reset()
    t = time.perf_counter()
    r = llm.create_chat_completion(
        messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": USER}],
        max_tokens=max_tokens, temperature=0.0, top_p=1.0, seed=0)
    return r["usage"]["completion_tokens"], time.perf_counter() - t


async def provider_round(model, max_tokens: int) -> tuple[int, float]:  # noqa: ANN001
    from inspect_ai.model import ChatMessageSystem, ChatMessageUser, GenerateConfig

    t = time.perf_counter()
    out = await model.generate([ChatMessageSystem(content=SYSTEM), ChatMessageUser(content=USER)],
                               config=GenerateConfig(max_tokens=max_tokens, temperature=0.0,
                                                     seed=0))
    return out.usage.output_tokens, time.perf_counter() - t


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--max-tokens", type=int, default=256)
    args = ap.parse_args(argv)
    from inspect_ai.model import get_model

    import evals._registry  # noqa: F401  (the local provider)
    from evals.providers.llama_worker import load
    from evals.providers.local import DEFAULT_CTX, resolve_gguf

    path = resolve_gguf("smollm2")
    # the provider's own settings (thread count, flash attention, no extra buffer types)
    raw = load(str(path), DEFAULT_CTX, os.cpu_count() or 1)
    # the loop check off: it would end some answers early and so change the token counts
    # (its cost is apart: 4 ms of numpy over a 152-token answer, under 0.1%)
    model = get_model("local/smollm2", loop_stop=False)
    raw_round(raw, 8)  # warm both (page the weights in)
    asyncio.run(provider_round(model, 8))
    raw_tps, prov_tps, tokens = [], [], set()
    for _ in range(args.rounds):
        n, s = raw_round(raw, args.max_tokens)
        raw_tps.append(n / s)
        m, p = asyncio.run(provider_round(model, args.max_tokens))
        prov_tps.append(m / p)
        tokens.add((n, m))
    r, p = statistics.median(raw_tps), statistics.median(prov_tps)
    print(f"tokens generated (raw, provider) per round: {sorted(tokens)}")
    print(f"raw llama.cpp: median {r:.1f} tokens/s over {args.rounds} rounds "
          f"(n_threads {raw.context_params.n_threads}, batch {raw.context_params.n_threads_batch})")
    print(f"local provider: median {p:.1f} tokens/s")
    print(f"ratio provider/raw: {p / r:.2f}x (target >= 0.95x)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
