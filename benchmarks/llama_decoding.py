"""Our Llama-style KV-cache decoding next to transformers' ``generate``, same weights, one run.

transformers builds a ``LlamaForCausalLM`` with random weights; it is saved as safetensors and
loaded into our ``Llama3Model`` through ``load_weights_into_llama``, so both hold the same
numbers. Each round then decodes greedily from the same prompt with
``generate_text_simple_cached`` (ours, KV cache) and with ``LlamaForCausalLM.generate`` (its
dynamic cache, eager attention and SDPA), in turns; the tokens must be equal. Our uncached
``generate_text_simple`` is timed once (after one untimed run) for scale. Ratios are against
transformers' best time (SDPA or eager) measured in the same run.

    python benchmarks/llama_decoding.py            # a 12-layer, 768-wide Llama, 100 tokens
    python benchmarks/llama_decoding.py --quick    # a tiny model, seconds
    python benchmarks/llama_decoding.py --size 1b  # Llama 3.2 1B's shapes (about 5 GB float32)
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import torch

from llmscratch import (
    LLAMA32_CONFIG_1B,
    Llama3Model,
    SafetensorsCheckpoint,
    config_from_hf,
    generate_text_simple,
    generate_text_simple_cached,
    load_weights_into_llama,
)

SIZES = {  # Hugging Face LlamaConfig fields
    "quick": dict(vocab_size=1000, hidden_size=64, intermediate_size=160, num_hidden_layers=2,
                  num_attention_heads=4, num_key_value_heads=2),
    "medium": dict(vocab_size=32_000, hidden_size=768, intermediate_size=2048,
                   num_hidden_layers=12, num_attention_heads=12, num_key_value_heads=4),
    "1b": dict(vocab_size=LLAMA32_CONFIG_1B["vocab_size"], hidden_size=2048,
               intermediate_size=8192, num_hidden_layers=16, num_attention_heads=32,
               num_key_value_heads=8),
}


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="the tiny model, 16 tokens, 2 rounds")
    p.add_argument("--size", choices=sorted(SIZES), default="medium",
                   help="model shapes (default: medium)")
    p.add_argument("--tokens", type=int, default=100, help="new tokens per generation (100)")
    p.add_argument("--prompt-tokens", type=int, default=16, help="prompt length (16)")
    p.add_argument("--rounds", type=int, default=3, help="timed rounds, in turns (3)")
    p.add_argument("--out", type=Path, help="also write the results as JSON here")
    return p.parse_args(argv)


def build_pair(size, seed=123):
    """A transformers Llama with random weights and our Llama3Model holding the same ones."""
    from transformers import LlamaConfig, LlamaForCausalLM

    hf_cfg = LlamaConfig(**SIZES[size], max_position_embeddings=2048, tie_word_embeddings=True,
                         rms_norm_eps=1e-5,
                         rope_parameters={"rope_type": "llama3", "rope_theta": 500_000.0,
                                          "factor": 32.0, "low_freq_factor": 1.0,
                                          "high_freq_factor": 4.0,
                                          "original_max_position_embeddings": 1024})
    torch.manual_seed(seed)
    hf = LlamaForCausalLM(hf_cfg).eval()
    with tempfile.TemporaryDirectory() as folder:
        hf.save_pretrained(folder)
        cfg = config_from_hf(folder)
        ours = load_weights_into_llama(Llama3Model(cfg).eval(), cfg, SafetensorsCheckpoint(folder))
    return hf, ours, cfg


def _timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main(argv=None):
    args = parse_args(argv)
    size = "quick" if args.quick else args.size
    tokens, rounds = (16, 2) if args.quick else (args.tokens, args.rounds)
    hf, ours, cfg = build_pair(size)
    torch.manual_seed(0)
    idx = torch.randint(0, cfg["vocab_size"], (1, args.prompt_tokens))

    def hf_generate(impl):
        hf.set_attn_implementation(impl)
        return hf.generate(idx, max_new_tokens=tokens, min_new_tokens=tokens, do_sample=False,
                           pad_token_id=0)

    runs = {"ours (KV cache)": lambda: generate_text_simple_cached(ours, idx, tokens,
                                                                   cfg["context_length"]),
            "transformers generate (sdpa)": lambda: hf_generate("sdpa"),
            "transformers generate (eager)": lambda: hf_generate("eager")}
    times = {name: [] for name in runs}
    outputs = {}
    with torch.no_grad():
        for name, fn in runs.items():  # warm-up: first calls allocate and pick kernels
            outputs[name] = fn()
        for _ in range(rounds):
            for name, fn in runs.items():
                seconds, outputs[name] = _timed(fn)
                times[name].append(seconds)
        for _ in range(2):  # the second run is timed: the first meets every length anew
            plain_seconds, plain = _timed(lambda: generate_text_simple(ours, idx, tokens,
                                                                       cfg["context_length"]))
    same = all(torch.equal(out, plain) for out in outputs.values())
    best = {name: min(t) for name, t in times.items()}
    best["ours (no cache)"] = plain_seconds
    reference = min(best["transformers generate (sdpa)"], best["transformers generate (eager)"])
    n_params = sum(p.numel() for p in ours.parameters())
    print(f"{size}: {n_params:,} parameters, float32, {args.prompt_tokens}-token prompt, "
          f"{tokens} new tokens, best of {rounds} rounds, {torch.get_num_threads()} threads")
    rows = {}
    for name, seconds in best.items():
        rows[name] = {"tokens_per_s": tokens / seconds,
                      "speed_vs_transformers": reference / seconds}
        print(f"  {name:32s} {tokens / seconds:8.1f} tokens/s  {reference / seconds:5.2f}x")
    print(f"  same tokens in every run: {same}")
    result = {"size": size, "parameters": n_params, "tokens": tokens, "rounds": rounds,
              "threads": torch.get_num_threads(), "same_tokens": same, "rows": rows,
              "torch": torch.__version__}
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
