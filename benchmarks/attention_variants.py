"""Time six implementations of causal multi-head attention, as ratios to the book's MHA.

All six compute the same function on the same weights (checked before timing, max difference
printed): the book's ``MultiHeadAttentionWrapper`` (one ``CausalAttention`` per head, then the
MHA's ``out_proj``), the book's ``MultiHeadAttention``, one fused ``qkv`` projection, ``einsum``,
``F.scaled_dot_product_attention`` and ``torch.nn.MultiheadAttention`` with a causal mask. We time
a forward pass without gradients and a forward + backward pass; the median of ``--repeats`` runs
after ``--warmup`` runs. A ratio below 1 means faster than the book's ``MultiHeadAttention``.

Examples::

    python benchmarks/attention_variants.py --quick
    python benchmarks/attention_variants.py                      # GPT-2 small's attention sizes
    python benchmarks/attention_variants.py --clock cpu          # steadier on a busy shared CPU
    python benchmarks/attention_variants.py --device cuda --batch-size 8 --context-length 1024

Not a test: timings depend on the machine and its load. The chapter's lesson on the same
comparison is ``ch03_attention/efficient_attention.ipynb``.
"""

from __future__ import annotations

import argparse
import statistics
import time

import torch


def build_variants(mha):
    """Callables ``x -> output`` for every implementation, all holding ``mha``'s weights."""
    from llmscratch import (
        MultiHeadAttentionCombinedQKV,
        MultiHeadAttentionEinsum,
        MultiHeadAttentionSDPA,
        MultiHeadAttentionWrapper,
        to_torch_multihead_attention,
    )

    d_in, d_out, heads = mha.W_query.in_features, mha.d_out, mha.num_heads
    ctx, p = mha.mask.shape[0], mha.dropout.p
    device = mha.out_proj.weight.device
    wrapper = MultiHeadAttentionWrapper(d_in, mha.head_dim, ctx, p, heads).to(device)
    with torch.no_grad():
        for h, head in enumerate(wrapper.heads):  # head h takes rows h*head_dim.. of each weight
            rows = slice(h * mha.head_dim, (h + 1) * mha.head_dim)
            for name in ("W_query", "W_key", "W_value"):
                getattr(head, name).weight.copy_(getattr(mha, name).weight[rows])
    same = {}
    for name, cls in (("einsum", MultiHeadAttentionEinsum), ("SDPA", MultiHeadAttentionSDPA)):
        same[name] = cls(d_in, d_out, ctx, p, heads).to(device)
        same[name].load_state_dict(mha.state_dict())
    combined = MultiHeadAttentionCombinedQKV(d_in, d_out, ctx, p, heads).to(device)
    combined.load_from_mha(mha)
    torch_mha = to_torch_multihead_attention(mha)
    masks = {}

    def torch_call(x):
        n = x.shape[1]
        if n not in masks:
            masks[n] = torch.triu(torch.ones(n, n, dtype=torch.bool, device=x.device), 1)
        return torch_mha(x, x, x, attn_mask=masks[n], need_weights=False, is_causal=True)[0]

    modules = [mha, wrapper, combined, torch_mha, *same.values()]
    return {
        "book MHA": mha,
        "wrapper (+ out_proj)": lambda x: mha.out_proj(wrapper(x)),
        "combined QKV": combined,
        "einsum": same["einsum"],
        "SDPA": same["SDPA"],
        "torch.nn.MultiheadAttention": torch_call,
    }, modules


def _sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize()
    elif device.type == "mps":
        torch.mps.synchronize()


def time_call(fn, device, repeats=5, warmup=1, clock="wall"):
    """Median seconds of ``fn()`` over ``repeats`` runs after ``warmup`` runs.

    ``clock="wall"`` measures elapsed time; ``clock="cpu"`` measures this process's CPU time
    (all threads summed), which is steadier on a machine shared with other jobs (CPU only).
    """
    now = time.perf_counter if clock == "wall" else time.process_time
    for _ in range(warmup):
        fn()
    _sync(device)
    times = []
    for _ in range(repeats):
        start = now()
        fn()
        _sync(device)
        times.append(now() - start)
    return statistics.median(times)


def build_parser():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--batch-size", type=int, default=2, help="sequences per batch")
    parser.add_argument("--context-length", type=int, default=512, help="tokens per sequence")
    parser.add_argument("--emb-dim", type=int, default=768, help="d_in = d_out")
    parser.add_argument("--num-heads", type=int, default=12, help="attention heads")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs (median reported)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first")
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                        help="wall: elapsed time; cpu: process CPU time, steadier on a busy "
                             "shared CPU machine (meaningless for GPU work)")
    parser.add_argument("--no-backward", action="store_true",
                        help="skip the forward + backward timings")
    parser.add_argument("--device", default=None,
                        help="cpu, cuda, mps (default: llmscratch.get_device(), cuda > mps > cpu)")
    parser.add_argument("--quick", action="store_true",
                        help="tiny sizes (batch 2, 64 tokens, 64 dims, 4 heads, 3 repeats)")
    parser.add_argument("--seed", type=int, default=123, help="torch.manual_seed for weights/x")
    return parser


def main(argv=None):
    """Run the comparison; return ``{"device", "config", "max_diff", "forward",
    "forward_backward"}`` with seconds per call (and ratios under ``*_ratio``)."""
    args = build_parser().parse_args(argv)
    if args.quick:
        args.batch_size, args.context_length, args.emb_dim, args.num_heads = 2, 64, 64, 4
        args.repeats = min(args.repeats, 3)
    from llmscratch import MultiHeadAttention, get_device

    device = get_device(args.device)
    torch.manual_seed(args.seed)
    mha = MultiHeadAttention(args.emb_dim, args.emb_dim, args.context_length, 0.0,
                             args.num_heads).to(device)
    x = torch.randn(args.batch_size, args.context_length, args.emb_dim, device=device)
    variants, modules = build_variants(mha)
    with torch.no_grad():
        ref = mha(x)
        max_diff = {name: (fn(x) - ref).abs().max().item() for name, fn in variants.items()}
    config = {k: getattr(args, k) for k in ("batch_size", "context_length", "emb_dim",
                                            "num_heads", "repeats", "clock")}
    print(f"device: {device} | torch {torch.__version__} | {config}")
    results = {"device": str(device), "config": config, "max_diff": max_diff}

    def forward_only(fn):
        def run():
            with torch.no_grad():
                fn(x)
        return run

    def forward_backward(fn):
        def run():
            fn(x).sum().backward()
            for module in modules:
                module.zero_grad(set_to_none=True)
        return run

    passes = [("forward", forward_only)]
    if not args.no_backward:
        passes.append(("forward_backward", forward_backward))
    for key, make in passes:
        results[key] = {name: time_call(make(fn), device, args.repeats, args.warmup, args.clock)
                        for name, fn in variants.items()}
        base = results[key]["book MHA"]
        results[f"{key}_ratio"] = {name: t / base for name, t in results[key].items()}
    header = f"{'implementation':30s} {'max |diff|':>10s}" + "".join(
        f" {k + ' ms':>18s} {'ratio':>6s}" for k, _ in passes)
    print(header)
    for name in variants:
        row = f"{name:30s} {max_diff[name]:10.1e}"
        for key, _ in passes:
            row += f" {results[key][name] * 1e3:18.2f} {results[key + '_ratio'][name]:6.2f}"
        print(row)
    return results


if __name__ == "__main__":
    main()
