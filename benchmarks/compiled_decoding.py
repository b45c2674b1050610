"""Decoding with ``compile_decoding`` next to eager ``GPTModelFast`` decoding, in one run.

``compile_decoding(model)`` (``llmscratch.fast.options``) makes ``GPTModelFast`` decode each
token after the prompt with its one-token step compiled whole by ``torch.compile`` (inductor,
with freezing and the C++ wrapper, so no Python runs between the step's matrix products).
This script asks what that is worth against the eager step (``llmscratch.fast.decode``), which
spends part of every token in Python between its 49 products: two copies of the same model,
one compiled, generate greedily from the same prompt.

Each round times both, in turns, with the read bandwidth (``compare_peers.read_bandwidth``)
measured before and after, and compares each timing with the better of the two:
``tokens/s x weight bytes / bandwidth``, the measure of ``compare_peers.py``. The tokens must be
equal. ``--no-autotune`` compiles with PyTorch's matrix kernels only (faster to compile).

    python benchmarks/compiled_decoding.py            # GPT-2 124M, 200 tokens, minutes
    python benchmarks/compiled_decoding.py --quick    # a tiny model, no autotuning: seconds
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_peers import decode_bytes, read_bandwidth  # noqa: E402

from llmscratch import GPT_CONFIG_124M, generate_text_simple_cached  # noqa: E402
from llmscratch.fast import GPTModelFast, compile_decoding  # noqa: E402

QUICK = dict(vocab_size=1000, context_length=64, emb_dim=32, n_layers=2, n_heads=2)
PROMPT_IDS = [6109, 3626, 6100, 345]  # "Every effort moves you" in GPT-2's tokenizer


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true",
                   help="a tiny model, 20 tokens, no autotuning, a 64 MiB bandwidth buffer")
    p.add_argument("--tokens", type=int, default=200, help="new tokens per generation (200)")
    p.add_argument("--rounds", type=int, default=3, help="timed rounds, in turns (3)")
    p.add_argument("--no-autotune", action="store_true",
                   help="compile with PyTorch's matrix kernels only (max_autotune off)")
    p.add_argument("--out", type=Path, help="also write the results as JSON here")
    return p.parse_args(argv)


def _seconds_per_token(model, idx, tokens):
    start = time.perf_counter()
    out = generate_text_simple_cached(model, idx, tokens)
    return (time.perf_counter() - start) / tokens, out


def main(argv=None):
    args = parse_args(argv)
    cfg = dict(GPT_CONFIG_124M, **(QUICK if args.quick else {}))
    tokens = 20 if args.quick else args.tokens
    autotune = not (args.quick or args.no_autotune)
    mib = 64 if args.quick else 1024
    torch.manual_seed(123)
    eager = GPTModelFast(cfg).eval()
    compiled = GPTModelFast(cfg).eval()
    compiled.load_state_dict(eager.state_dict())
    idx = torch.tensor([[i % cfg["vocab_size"] for i in PROMPT_IDS]])
    weight_bytes = decode_bytes(eager)
    result = {"config": cfg, "tokens": tokens, "max_autotune": autotune,
              "weight_bytes": weight_bytes, "torch": torch.__version__, "rounds": []}
    with torch.no_grad():
        start = time.perf_counter()
        compile_decoding(compiled, max_autotune=autotune, compile_now=True)
        result["compile_seconds"] = round(time.perf_counter() - start, 1)
        for _ in range(args.rounds):
            before = read_bandwidth(torch.device("cpu"), mib, 3)["gb_per_s"]
            eager_s, eager_out = _seconds_per_token(eager, idx, tokens)
            compiled_s, compiled_out = _seconds_per_token(compiled, idx, tokens)
            bandwidth = max(before, read_bandwidth(torch.device("cpu"), mib, 3)["gb_per_s"])
            result["rounds"].append({
                "bandwidth_gb_per_s": bandwidth,
                "eager_ms_per_token": round(eager_s * 1e3, 2),
                "compiled_ms_per_token": round(compiled_s * 1e3, 2),
                "eager_of_bandwidth": round(weight_bytes / eager_s / 1e9 / bandwidth, 3),
                "compiled_of_bandwidth": round(weight_bytes / compiled_s / 1e9 / bandwidth, 3),
                "same_tokens": torch.equal(eager_out, compiled_out)})
    print(f"compile_decoding: {result['compile_seconds']} s to compile (max_autotune={autotune}),"
          f" {weight_bytes / 1e6:.1f} MB of weights read per token")
    print("| round | eager ms/token | of bandwidth | compiled ms/token | of bandwidth | GB/s "
          "| same tokens |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for i, r in enumerate(result["rounds"], 1):
        print(f"| {i} | {r['eager_ms_per_token']} | {r['eager_of_bandwidth']:.1%} | "
              f"{r['compiled_ms_per_token']} | {r['compiled_of_bandwidth']:.1%} | "
              f"{r['bandwidth_gb_per_s']} | {r['same_tokens']} |")
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
