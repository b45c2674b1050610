"""Training and generation speed of our models next to transformers and the book's package.

Everything is measured in one run on one machine, so the ratios mean something even when the
absolute numbers depend on the hardware:

1. the float32 matrix-multiplication ceiling (GFLOP/s of a large square matmul, best of ten at
   the start and ten at the end)
   and the streaming read bandwidth (GB/s, the best of ``sum()``, a vector-matrix product and,
   on the CPU, a matrix-vector product in one block per thread, over a 1 GiB buffer, far larger
   than the caches; measured again just before and after each generation timing, since other
   programs' memory traffic moves it);
2. training tokens/s (forward, cross-entropy, backward, AdamW step; the fastest timed step, the
   median beside it; ``GPTModelFast`` computes its loss with its own ``loss`` method, as
   ``calc_loss_batch_fast`` does, and once more the book's way as "GPTModelFast, loss outside")
   and peak memory (each variant in its own process), at GPT-2 124M with context 256 and
   batch 2, and at a small config (6 layers of 384), for our
   ``GPTModel`` (plain and fused AdamW), ``GPTModelFast``, transformers ``GPT2LMHeadModel``
   (sdpa attention; plain and fused AdamW) and the book's ``llms-from-scratch`` package when it
   is installed (``pip install --no-deps llms-from-scratch``); each as a fraction of the ceiling;
3. greedy generation tokens/s (124M, batch 1, 200 new tokens) with and without the KV cache
   against transformers ``generate``, with the weights shared by all models, whether the tokens
   equal plain generation, and ``tokens/s x weight bytes / bandwidth`` (how close decoding gets
   to reading the weights at full memory speed); the book package's cached GPT-2 is tried too;
4. the opt-in int8 and bf16 generation weights: speed against transformers' float32 generate,
   and quality on a model trained here on the-verdict (validation loss change, agreement of the
   first 50 greedy tokens), or on real GPT-2 weights given with ``--weights``.

Examples::

    python benchmarks/compare_peers.py --quick             # seconds: a smoke run, tiny sizes
    python benchmarks/compare_peers.py                     # the full comparison (minutes)
    python benchmarks/compare_peers.py --device cuda --compile
    python benchmarks/compare_peers.py --weights ~/gpt2/model.safetensors

It prints a table of ratios and writes the JSON to ``--out``. Timings are noisy when other
programs run; ``benchmarks/README.md`` records what we measured and on what.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import torch
import torch.nn.functional as F

TRAIN_CONFIGS = {  # name -> (GPT config overrides on GPT_CONFIG_124M, batch size)
    "124M/256x2": (dict(context_length=256), 2),
    "small/256x2": (dict(context_length=256, emb_dim=384, n_layers=6, n_heads=6), 2),
}
QUICK_CONFIG = (dict(vocab_size=1000, context_length=32, emb_dim=32, n_layers=2, n_heads=2), 2)
QUALITY_CONFIG = dict(context_length=128, emb_dim=256, n_layers=4, n_heads=4, drop_rate=0.1)
PROMPT = "Every effort moves you"


# --- measuring helpers --------------------------------------------------------------------------


def _sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elif device.type == "mps":
        torch.mps.synchronize()


def _timed(fn, device):
    _sync(device)
    start = time.perf_counter()
    out = fn()
    _sync(device)
    return time.perf_counter() - start, out


def _best_seconds(fn, device, reps):
    """Seconds of the fastest of ``reps`` timed calls of ``fn``, after one untimed warm-up."""
    fn()
    return min(_timed(fn, device)[0] for _ in range(reps))


class PeakMemory:
    """Peak memory above the level at entry: CUDA allocator stats, else sampled process RSS."""

    def __init__(self, device):
        self.device, self.peak, self._stop = device, 0, threading.Event()

    @staticmethod
    def _rss():
        try:
            with open("/proc/self/statm") as f:
                return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            return None

    def _watch(self):
        while not self._stop.wait(0.002):
            self.peak = max(self.peak, (self._rss() or 0) - self.base)

    def __enter__(self):
        if self.device.type == "cuda":
            torch.cuda.reset_peak_memory_stats(self.device)
            self.base = torch.cuda.memory_allocated(self.device)
        else:
            self.base = self._rss()
            if self.base is not None:
                self._thread = threading.Thread(target=self._watch, daemon=True)
                self._thread.start()
        return self

    def __exit__(self, *exc):
        if self.device.type == "cuda":
            self.peak = torch.cuda.max_memory_allocated(self.device) - self.base
        elif self.base is not None:
            self._stop.set()
            self._thread.join()
        else:
            self.peak = None

    @property
    def mib(self):
        return None if self.peak is None else round(self.peak / 2**20, 1)


def matmul_ceiling(device, n, reps):
    """Best float32 GFLOP/s of an (n x n) @ (n x n) product, over the kernels PyTorch offers:
    ``torch.mm`` (MKL or OpenBLAS on the CPU) and, on the CPU, oneDNN's linear."""
    a, b = torch.randn(n, n, device=device), torch.randn(n, n, device=device)
    kernels = {"torch.mm": lambda: a @ b}
    if device.type == "cpu":
        from llmscratch.fast.kernels import onednn_linear, onednn_usable

        if onednn_usable():
            kernels["onednn"] = lambda: onednn_linear(a, b)
    rates = {}
    for name, fn in kernels.items():
        rates[name] = round(2 * n**3 / _best_seconds(fn, device, reps) / 1e9, 1)
    return {"n": n, "gflops": max(rates.values()), "kernels": rates}


def read_bandwidth(device, mib, reps):
    """Streaming read bandwidth (GB/s): the best of the kernels that read a ``mib`` MiB buffer
    once: ``sum()``, a row vector times the buffer seen as a (1024, n) matrix and, on the CPU,
    the buffer seen as an (n, 768) matrix times a vector, by PyTorch's BLAS and in one block
    per thread (two of the kernels ``GPTModelFast`` can decode with: one or the other was about
    as fast as ``sum()`` on the machines we measured)."""
    x = torch.ones(mib * 2**20 // 4, device=device)
    matrix, row = x.view(1024, -1), torch.ones(1, 1024, device=device)
    kernels = {"sum": x.sum, "vector_matrix": lambda: row @ matrix}
    if device.type == "cpu":
        from llmscratch.fast.kernels import matvec_in_parts, matvec_parts

        tall, vec = x[:x.numel() // 768 * 768].view(-1, 768), torch.ones(1, 768)
        kernels["matrix_vector"] = lambda: torch.nn.functional.linear(vec, tall)
        if matvec_parts():
            kernels["matrix_vector_in_parts"] = lambda: matvec_in_parts(
                vec, tall, None, matvec_parts())
    rates = {}
    for name, fn in kernels.items():
        rates[name] = round(x.numel() * 4 / _best_seconds(fn, device, reps) / 1e9, 2)
    return {"buffer_mib": mib, "gb_per_s": max(rates.values()), "kernels": rates}


def kernel_choices(device):
    """The kernels ``GPTModelFast`` measured fastest in this process for each kind of product
    (``llmscratch.fast.kernels``; the training variants run in their own processes and measure
    again), or None where it does not choose (GPUs, ARM CPUs)."""
    from llmscratch.fast import kernels as fast_kernels

    if device.type != "cpu" or not fast_kernels.onednn_usable():
        return None
    return {"one row (decoding)": fast_kernels.row_kernel(),
            **{product: "onednn" if fast_kernels.grad_by_onednn(product) else "torch.mm"
               for product in ("dL/dx", "dL/dW")}}


def product_rates(cfg, device, mib=512, reps=3):
    """Read rate (GB/s) of a one-token product ``fast_linear(x, W)`` for each Linear shape of
    the model (the kernel ``GPTModelFast`` decodes with), over enough copies of ``W`` (about
    ``mib`` MiB) that none is read from cache; and the tokens/s a decoding step would reach if
    it did nothing but these products at these rates."""
    from llmscratch.fast.kernels import fast_linear

    E, L, V = cfg["emb_dim"], cfg["n_layers"], cfg["vocab_size"]
    shapes = {  # name -> ((out, in), products per token); queries, keys, values run as one
        "attention QKV 3E x E": ((3 * E, E), L), "attention out E x E": ((E, E), L),
        "feed-forward in 4E x E": ((4 * E, E), L), "feed-forward out E x 4E": ((E, 4 * E), L),
        "output head V x E": ((V, E), 1)}
    rates, seconds_per_token = {}, 0.0
    for name, ((out_f, in_f), count) in shapes.items():
        nbytes = out_f * in_f * 4
        weights = [torch.randn(out_f, in_f, device=device)
                   for _ in range(max(2, mib * 2**20 // nbytes))]
        x = torch.randn(1, in_f, device=device)
        def read_all(x=x, weights=weights):
            for w in weights:
                fast_linear(x, w)

        with torch.no_grad():
            best = _best_seconds(read_all, device, reps) / len(weights)
        rates[name] = round(nbytes / best / 1e9, 2)
        seconds_per_token += count * best
    return {"gb_per_s": rates, "products_only_tokens_per_s": round(1 / seconds_per_token, 2)}


def flops_per_token(cfg):
    """Training FLOPs per token: 6 x matmul weights (blocks and head) + attention (PaLM, App. B)."""
    E, L, T, V = cfg["emb_dim"], cfg["n_layers"], cfg["context_length"], cfg["vocab_size"]
    return 6 * (L * 12 * E * E + E * V) + 12 * L * T * E


# --- the models ----------------------------------------------------------------------------------


def _hf_model(cfg, device):
    from transformers import GPT2Config, GPT2LMHeadModel

    config = GPT2Config(vocab_size=cfg["vocab_size"], n_positions=cfg["context_length"],
                        n_embd=cfg["emb_dim"], n_layer=cfg["n_layers"], n_head=cfg["n_heads"],
                        resid_pdrop=cfg["drop_rate"], embd_pdrop=cfg["drop_rate"],
                        attn_pdrop=cfg["drop_rate"], attn_implementation="sdpa",
                        bos_token_id=cfg["vocab_size"] - 1, eos_token_id=cfg["vocab_size"] - 1)
    return GPT2LMHeadModel(config).to(device)


_SKIP_BOOK = False  # --skip-book sets it


def _book_package():
    """True when the book's package (llms-from-scratch) is importable and not skipped."""
    if _SKIP_BOOK:
        return False
    try:
        import llms_from_scratch  # noqa: F401
    except ImportError:
        print("llms-from-scratch is not installed (pip install --no-deps llms-from-scratch): "
              "its rows are skipped", file=sys.stderr)
        return False
    return True


def build_train_model(variant, cfg, device):
    """(model, optimizer, autocast context or None) for a training variant name."""
    from contextlib import nullcontext

    from llmscratch import GPTModel, make_adamw
    from llmscratch.fast import GPTModelFast, bf16_autocast, compile_model, keep_freed_memory

    plain_adamw = "plain AdamW" in variant
    if "kept memory" in variant:
        keep_freed_memory(device)  # process-wide: each variant runs in its own process
    if variant.startswith("GPTModelFast"):
        model = GPTModelFast(cfg).to(device)
    elif variant.startswith("GPTModel"):
        model = GPTModel(cfg).to(device)
    elif variant.startswith("transformers"):
        model = _hf_model(cfg, device)
    elif variant.startswith("book GPTModelFast"):
        from llms_from_scratch.ch04 import GPTModelFast as BookFast

        model = BookFast(cfg).to(device)
    else:
        from llms_from_scratch.ch04 import GPTModel as BookModel

        model = BookModel(cfg).to(device)
    model.train()
    optimizer = make_adamw(model, lr=4e-4, weight_decay=0.1, fused=False if plain_adamw else None)
    context = bf16_autocast(device) if "bf16" in variant else nullcontext()
    if "compile" in variant:
        model = compile_model(model, device)
    return model, optimizer, context


def train_variants(device, compile_too, isolated=True):
    from llmscratch.fast import supported_options

    options = supported_options(device)
    names = ["GPTModel + plain AdamW", "GPTModel", "GPTModelFast", "GPTModelFast, loss outside"]
    if options["bf16_autocast"] is None:
        names.append("GPTModelFast + bf16 autocast")
    if compile_too and options["compile"] is None:
        names.append("GPTModelFast + compile")
    names += ["transformers + plain AdamW", "transformers"]
    if isolated and options["keep_freed_memory"] is None:  # process-wide: own processes only
        names += ["GPTModelFast + kept memory", "transformers + kept memory"]
    if _book_package():
        names += ["book GPTModel", "book GPTModelFast"]
    return names


def _train_batches(cfg, batch_size, count):
    """``count`` (inputs, targets) batches of the-verdict (random ids when it is unavailable)."""
    try:
        from llmscratch import get_gpt2_tokenizer
        from llmscratch.assets import get_asset_path

        text = Path(get_asset_path("the-verdict")).read_text(encoding="utf-8")
        ids = torch.tensor(get_gpt2_tokenizer().encode(text)) % cfg["vocab_size"]
    except Exception:  # offline without the file: the speed does not depend on the text
        gen = torch.Generator().manual_seed(0)
        ids = torch.randint(0, cfg["vocab_size"], (20_000,), generator=gen)
    T = cfg["context_length"]
    starts = torch.arange(count * batch_size) * T % (len(ids) - T - 1)
    rows = torch.stack([ids[s:s + T + 1] for s in starts.tolist()])
    return [(r[:, :-1], r[:, 1:]) for r in rows.split(batch_size)]


def _own_loss(variant):
    """Whether a training variant computes its loss with ``GPTModelFast.loss`` (what
    ``calc_loss_batch_fast`` calls for it), the logits kept inside the model: the plain
    ``GPTModelFast`` rows; the others (", loss outside", autocast, compile, every other model)
    take ``F.cross_entropy`` of the logits the model returns."""
    return variant in ("GPTModelFast", "GPTModelFast + kept memory")


def measure_training(variant, cfg, batch_size, warmup, steps, device):
    """Tokens/s and peak memory of forward + loss + backward + AdamW step.

    ``tokens_per_s`` uses the fastest timed step (on a shared machine the slower ones measure
    the other programs); ``tokens_per_s_median`` is reported beside it."""
    batches = _train_batches(cfg, batch_size, warmup + steps)
    torch.manual_seed(123)
    with PeakMemory(device) as memory:
        model, optimizer, autocast = build_train_model(variant, cfg, device)

        def step(inputs, targets):
            with autocast:
                if _own_loss(variant):
                    loss = model.loss(inputs.to(device), targets.to(device))
                else:
                    out = model(inputs.to(device))
                    logits = out.logits if hasattr(out, "logits") else out
                    loss = F.cross_entropy(logits.flatten(0, 1).float(),
                                           targets.to(device).flatten())
            loss.backward()
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            return loss.item()

        times, losses = [], []
        for i, (inputs, targets) in enumerate(batches):
            seconds, loss = _timed(lambda i=inputs, t=targets: step(i, t), device)
            losses.append(loss)
            if i >= warmup:
                times.append(seconds)
    tokens = batch_size * cfg["context_length"]
    return {"tokens_per_s": round(tokens / min(times), 1),
            "tokens_per_s_median": round(tokens / statistics.median(times), 1),
            "step_s": [round(t, 3) for t in times], "first_loss": round(losses[0], 3),
            "peak_mib": memory.mib, "params": sum(p.numel() for p in model.parameters())}


def _train_in_subprocess(spec):
    """Run one training measurement in a fresh Python, so peak memory is its own."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", json.dumps(spec)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    return {"error": (done.stderr or done.stdout).strip().splitlines()[-1:]}


def run_worker(spec):
    torch.set_num_threads(spec["threads"])
    device = torch.device(spec["device"])
    result = measure_training(spec["variant"], spec["cfg"], spec["batch_size"], spec["warmup"],
                              spec["steps"], device)
    print("RESULT " + json.dumps(result), flush=True)


# --- generation ----------------------------------------------------------------------------------


def generation_models(cfg, device, weights):
    """transformers, our GPTModel and GPTModelFast (and the book's), all with the same weights."""
    from llmscratch import GPTModel, load_weights_into_gpt
    from llmscratch.fast import to_fast_model

    if weights:
        from llmscratch import config_from_settings, load_gpt2_safetensors

        settings, params = load_gpt2_safetensors(weights)
        cfg = config_from_settings(settings)
        hf = _hf_model(cfg, device)
        state = {k.removeprefix("transformer."): v for k, v in params.items()
                 if not k.endswith((".attn.bias", ".attn.masked_bias", "lm_head.weight"))}
        missing, unexpected = hf.transformer.load_state_dict(state, strict=False)
        if missing or unexpected:
            raise ValueError(f"{weights}: not a GPT-2 file (missing {missing[:3]}, "
                             f"unexpected {unexpected[:3]})")
    else:
        torch.manual_seed(123)
        hf = _hf_model(cfg, device)
    hf.eval()
    ours = GPTModel({**cfg, "qkv_bias": True}).to(device).eval()
    load_weights_into_gpt(ours, hf.state_dict())
    models = {"transformers": hf, "GPTModel": ours, "GPTModelFast": to_fast_model(ours)}
    if _book_package():
        from llms_from_scratch.kv_cache.gpt2 import GPTModel as BookKV

        book = BookKV({**cfg, "qkv_bias": True}).to(device).eval()
        book.load_state_dict({k: v for k, v in ours.state_dict().items()
                              if not k.endswith(".att.mask")})
        models["book"] = book
    return models, cfg


def decode_bytes(model):
    """Bytes of weights one decoding step reads: all but the embedding tables (one row each)."""
    named = list(model.named_parameters()) + list(model.named_buffers())
    skip = ("tok_emb.", "pos_emb.", "transformer.wpe.")
    # weight_float32: the float32 copy a rescoring head reads only a few rows of
    return sum(t.numel() * t.element_size() for name, t in named
               if not name.startswith(skip)
               and not name.endswith((".mask", ".attn.bias", "weight_float32")))


def _hf_generate(model, idx, n, use_cache):
    from transformers import GenerationConfig

    config = GenerationConfig(max_new_tokens=n, do_sample=False, use_cache=use_cache,
                              eos_token_id=None, pad_token_id=0)
    return model.generate(idx, attention_mask=torch.ones_like(idx), generation_config=config)


def _book_generate(model, idx, n, ctx):
    """Greedy decoding with the book package's cached GPT-2 (its own generate() expects the
    ``cfg`` and ``reset_kv_cache`` of its Llama/Qwen models, so we drive the cache here)."""
    from llms_from_scratch.kv_cache.utils import KVCache

    model.current_pos = 0
    cache = KVCache(n_layers=len(model.trf_blocks))
    logits = model(idx[:, -ctx:], use_cache=True, cache=cache)
    for step in range(n):
        idx_next = logits[:, -1].argmax(dim=-1, keepdim=True)
        idx = torch.cat([idx, idx_next], dim=1)
        if step + 1 < n:
            logits = model(idx_next, use_cache=True, cache=cache)
    return idx


def generation_runs(models, low_precision, ctx):
    """name -> (function(idx, n) -> ids, model) for every generation variant."""
    from llmscratch import generate_text_simple, generate_text_simple_cached

    ours, fast, hf = models["GPTModel"], models["GPTModelFast"], models["transformers"]
    runs = {  # the first one is plain generation: the reference for "same tokens"
        "GPTModel (no cache)": (lambda i, n: generate_text_simple(ours, i, n, ctx), ours),
        "transformers (no cache)": (lambda i, n: _hf_generate(hf, i, n, False), hf),
        "GPTModel (cache)": (lambda i, n: generate_text_simple_cached(ours, i, n), ours),
        "GPTModelFast (cache)": (lambda i, n: generate_text_simple_cached(fast, i, n), fast),
        "transformers (cache)": (lambda i, n: _hf_generate(hf, i, n, True), hf),
    }
    if "GPTModelFast compiled" in models:  # --compile-decoding: compile_decoding's step
        compiled = models["GPTModelFast compiled"]
        runs["GPTModelFast compiled (cache)"] = (
            lambda i, n: generate_text_simple_cached(compiled, i, n), compiled)
    if "book" in models:
        book = models["book"]
        runs["book kv_cache (cache)"] = (lambda i, n: _book_generate(book, i, n, ctx), book)
    for kind, m in low_precision.items():
        runs[f"GPTModelFast {kind} (cache)"] = (
            lambda i, n, m=m: generate_text_simple_cached(m, i, n), m)
    return runs


def _compiled_decoding_model(models, device, args):
    """Add a ``GPTModelFast`` decoding with ``compile_decoding`` to ``models`` (compiled here,
    so that its compile time is not in its tokens/s) and return what compiling took; or the
    reason it cannot run on this device."""
    from llmscratch.fast import UnsupportedOptionError, compile_decoding, to_fast_model

    compiled = to_fast_model(models["GPTModel"])
    start = time.perf_counter()
    try:
        compile_decoding(compiled, max_autotune=not args.quick, compile_now=True)
    except UnsupportedOptionError as err:
        print(f"compiled decoding skipped: {err}")
        return {"error": str(err)}
    models["GPTModelFast compiled"] = compiled
    seconds = round(time.perf_counter() - start, 1)
    print(f"compiled decoding: {seconds} s to compile", flush=True)
    return {"compile_seconds": seconds, "max_autotune": not args.quick,
            "device": str(device)}


def measure_generation(runs, idx, n, device, bandwidth, rounds=2):
    """Tokens/s of each run: the best of ``rounds`` timings, taken in turns (every run once,
    then every run again) so that no run gets only a quiet or only a busy minute of a shared
    machine; runs without the cache are timed once (they are slow). ``bandwidth()`` (GB/s) is
    measured just before and just after each timing, and the better of the two is the ceiling
    of that timing: the bandwidth left to us changes from one minute to the next (31-58 GB/s
    within minutes here)."""
    results, outputs, live = {}, {}, []
    for name, (fn, _model) in runs.items():
        try:
            fn(idx, 2)  # warm up the kernels and allocations
            live.append(name)
        except Exception as err:  # a peer's bug must not stop the comparison: record it
            if not name.startswith("book"):
                raise
            results[name] = {"error": f"{type(err).__name__}: {err}"}
    best = {}  # name -> (seconds, ceiling GB/s around that timing)
    for turn in range(rounds):
        for name in live:
            if turn and "no cache" in name:
                continue
            fn = runs[name][0]
            before = bandwidth()
            with torch.no_grad():
                seconds, outputs[name] = _timed(lambda fn=fn: fn(idx, n), device)
            ceiling = max(before, bandwidth())
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, ceiling)
    reference = outputs[live[0]]  # the first run is GPTModel without cache: plain generation
    for name in live:
        (seconds, ceiling), out, model = best[name], outputs[name], runs[name][1]
        new = out.shape[1] - idx.shape[1]
        tps = new / seconds
        results[name] = {
            "tokens_per_s": round(tps, 2), "new_tokens": new,
            "weight_mb": round(decode_bytes(model) / 1e6, 1), "bandwidth_gb_per_s": ceiling,
            "bandwidth_fraction": round(tps * decode_bytes(model) / (ceiling * 1e9), 3),
            "same_tokens_as_plain": bool(torch.equal(out.cpu(), reference.cpu()))}
    return {name: results[name] for name in runs}  # in the order of ``runs``


# --- low-precision quality ---------------------------------------------------------------------


def _verdict_split(device):
    from llmscratch import get_gpt2_tokenizer
    from llmscratch.assets import get_asset_path

    text = Path(get_asset_path("the-verdict")).read_text(encoding="utf-8")
    split = int(0.9 * len(text))
    return text[:split], text[split:], get_gpt2_tokenizer()


def quality_model(args, device, gen_models):
    """A trained float32 GPTModelFast and its validation loader (the-verdict, 10% split)."""
    from llmscratch import GPT_CONFIG_124M, create_dataloader_v1, make_adamw
    from llmscratch.fast import GPTModelFast
    from llmscratch.fast import calc_loss_batch_fast as calc_loss_batch

    train_text, val_text, _ = _verdict_split(device)
    if args.weights:
        model, ctx = gen_models["GPTModelFast"], 256
    else:
        cfg = {**GPT_CONFIG_124M, **(QUICK_CONFIG[0] if args.quick else QUALITY_CONFIG)}
        cfg["vocab_size"] = GPT_CONFIG_124M["vocab_size"]  # real text needs the real vocabulary
        ctx = cfg["context_length"]
        torch.manual_seed(123)
        model = GPTModelFast(cfg).to(device)
        optimizer = make_adamw(model, lr=1e-3, weight_decay=0.1)
        loader = create_dataloader_v1(train_text, batch_size=4, max_length=ctx, stride=ctx)
        step = 0
        while step < args.quality_steps:
            for inputs, targets in loader:
                loss = calc_loss_batch(inputs, targets, model, device)
                loss.backward()
                optimizer.step()
                optimizer.zero_grad(set_to_none=True)
                step += 1
                if step == args.quality_steps:
                    break
    val_loader = create_dataloader_v1(val_text, batch_size=2, max_length=ctx, stride=ctx,
                                      shuffle=False, drop_last=False)
    return model.eval(), val_loader


QUALITY_PROMPTS = ["Every effort moves you", "I had always thought", "The picture was",
                   "She said"]


def measure_quality(model, quantized, val_loader, device, n_tokens):
    """Validation loss and greedy-token agreement of each quantized copy with ``model``.

    Agreement, per prompt of ``QUALITY_PROMPTS``, averaged: ``token_agreement`` is the share
    of the first ``n_tokens`` generated tokens equal to the float32 model's when each model
    continues its own text (after a first difference the texts usually part, so this is
    strict); ``teacher_forced_agreement`` feeds both models the float32 model's text and
    compares their next-token choices at the same positions."""
    from llmscratch import calc_loss_loader, generate_text_simple_cached, get_gpt2_tokenizer

    tokenizer = get_gpt2_tokenizer()
    prompts = [torch.tensor([tokenizer.encode(p)], device=device) for p in QUALITY_PROMPTS]
    with torch.no_grad():
        loss = calc_loss_loader(val_loader, model, device)
        references = [generate_text_simple_cached(model, idx, n_tokens) for idx in prompts]
        choices = [model(ref[:, :-1])[0, idx.shape[1] - 1:].argmax(-1)
                   for idx, ref in zip(prompts, references)]
        out = {"float32": {"val_loss": round(loss, 4)}}
        for kind, q in quantized.items():
            q_loss = calc_loss_loader(val_loader, q, device)
            free, forced = [], []
            for idx, ref, choice in zip(prompts, references, choices):
                tokens = generate_text_simple_cached(q, idx, n_tokens)
                start = idx.shape[1]
                free.append((tokens[0, start:] == ref[0, start:]).float().mean().item())
                q_choice = q(ref[:, :-1])[0, start - 1:].argmax(-1)
                forced.append((q_choice == choice).float().mean().item())
            out[kind] = {"val_loss": round(q_loss, 4),
                         "val_loss_change": round(abs(q_loss - loss) / loss, 5),
                         "token_agreement": round(statistics.mean(free), 3),
                         "token_agreement_per_prompt": [round(v, 2) for v in free],
                         "teacher_forced_agreement": round(statistics.mean(forced), 3)}
    return out


# --- ratios, goals, table -----------------------------------------------------------------------


def ratios_and_goals(result):
    ceiling = result["matmul"]["gflops"] * 1e9
    ratios = {"training": {}, "generation": {}}
    for cfg_name, block in result["training"].items():
        base = block["runs"].get("transformers", {}).get("tokens_per_s")
        rows = {}
        for variant, run in block["runs"].items():
            if "tokens_per_s" not in run:
                continue
            rows[variant] = {
                "vs_transformers_fused": round(run["tokens_per_s"] / base, 3) if base else None,
                "ceiling_fraction": round(run["tokens_per_s"] * block["flops_per_token"]
                                          / ceiling, 3)}
        ratios["training"][cfg_name] = rows
    gen = result["generation"]["runs"]
    hf_cache = gen["transformers (cache)"]["tokens_per_s"]
    for name, run in gen.items():
        if "error" in run:
            continue
        ratios["generation"][name] = {"vs_transformers_cache": round(
            run["tokens_per_s"] / hf_cache, 3), "bandwidth_fraction": run["bandwidth_fraction"]}
    big = next(iter(ratios["training"].values()))
    quality = result.get("quality", {})
    goals = [
        ("train: GPTModelFast / transformers (fused AdamW)", big.get("GPTModelFast", {})
         .get("vs_transformers_fused"), ">=", 1.3),
        ("train: GPTModelFast fraction of matmul ceiling",
         big.get("GPTModelFast", {}).get("ceiling_fraction"), ">=", 0.6),
        ("generate: GPTModelFast (cache) / transformers generate",
         ratios["generation"]["GPTModelFast (cache)"]["vs_transformers_cache"], ">=", 1.1),
        ("generate: GPTModelFast tokens identical to plain",
         gen["GPTModelFast (cache)"]["same_tokens_as_plain"], "==", True),
        ("generate: GPTModelFast fraction of read bandwidth",
         gen["GPTModelFast (cache)"]["bandwidth_fraction"], ">=", 0.9),
    ]
    if "GPTModelFast compiled (cache)" in gen:
        goals += [("generate: compiled decoding tokens identical to plain",
                   gen["GPTModelFast compiled (cache)"]["same_tokens_as_plain"], "==", True),
                  ("generate: compiled decoding fraction of read bandwidth",
                   gen["GPTModelFast compiled (cache)"]["bandwidth_fraction"], ">=", 0.9)]
    for kind in ("int8", "bf16"):
        name = f"GPTModelFast {kind} (cache)"
        if name in gen:
            goals.append((f"generate: {kind} weights / transformers fp32 generate",
                          ratios["generation"][name]["vs_transformers_cache"], ">=", 2.0))
        if kind in quality:
            goals.append((f"quality: {kind} validation-loss change",
                          quality[kind]["val_loss_change"], "<=", 0.01))
            goals.append((f"quality: {kind} agreement of greedy tokens",
                          quality[kind]["token_agreement"], ">=", 0.9))
    checks = {">=": lambda v, t: v >= t, "<=": lambda v, t: v <= t, "==": lambda v, t: v == t}
    judged = not result["settings"]["quick"]  # tiny sizes say nothing about the goals
    ratios["goals"] = [{"goal": g, "measured": v, "target": f"{op} {t}",
                        "met": None if v is None or not judged else bool(checks[op](v, t))}
                       for g, v, op, t in goals]
    return ratios


def print_table(result):
    r = result["ratios"]
    print(f"\nmatmul ceiling {result['matmul']['gflops']} GFLOP/s, read bandwidth "
          f"{result['bandwidth']['gb_per_s']} GB/s at the start (then "
          f"{result['bandwidth'].get('during_run_gb_per_s')}), device "
          f"{result['machine']['device']}, {result['machine']['threads']} threads")
    if result["machine"].get("kernels"):
        print(f"kernels GPTModelFast chose here: {result['machine']['kernels']}")
    for cfg_name, rows in r["training"].items():
        print(f"\ntraining {cfg_name}{'':<18} tokens/s   vs transformers   of ceiling   peak MiB")
        for variant, row in rows.items():
            run = result["training"][cfg_name]["runs"][variant]
            vs, peak = row["vs_transformers_fused"] or float("nan"), run["peak_mib"]
            print(f"  {variant:<40}{run['tokens_per_s']:>9.1f}{vs:>12.2f}x"
                  f"{row['ceiling_fraction']:>12.1%}{peak or float('nan'):>11.0f}")
    print(f"\ngeneration ({result['generation']['new_tokens']} new tokens, batch 1)"
          f"{'':<9}tokens/s   vs transformers   of bandwidth (GB/s)   same tokens")
    for name, run in result["generation"]["runs"].items():
        if "error" in run:
            print(f"  {name:<40} failed: {run['error'][:80]}")
            continue
        row = r["generation"][name]
        print(f"  {name:<40}{run['tokens_per_s']:>9.2f}{row['vs_transformers_cache']:>12.2f}x"
              f"{row['bandwidth_fraction']:>14.1%} ({run.get('bandwidth_gb_per_s')})"
              f"   {run['same_tokens_as_plain']}")
    products = result["generation"].get("one_token_products")
    if products:
        print(f"\none-token products alone (GB/s per weight shape): {products['gb_per_s']}; "
              f"{products['products_only_tokens_per_s']} tokens/s, "
              f"{products['products_only_bandwidth_fraction']:.1%} of bandwidth "
              f"({products.get('bandwidth_gb_per_s')} GB/s)")
    if result.get("quality"):
        print(f"\nlow-precision quality: {json.dumps(result['quality'])}")
    print("\ngoals")
    for g in r["goals"]:
        verdict = {True: "met", False: "NOT met", None: "not judged"}[g["met"]]
        print(f"  {g['goal']:<55} {g['measured']!s:>8} (target {g['target']}): {verdict}")


def markdown(result):
    """The tables of ``benchmarks/README.md``, from a result dict (``--markdown FILE``)."""
    m, r, lines = result["machine"], result["ratios"], []
    lines += [f"Run of {m['date']} on {m['device']} ({m['cpu']}, {m['threads']} threads, "
              f"{m['cpu_capability']}), torch {m['torch']}; load average at start "
              f"{m['load_average_start']}, at end {m.get('load_average_end')}.", "",
              f"Matmul ceiling {result['matmul']['gflops']} GFLOP/s "
              f"{result['matmul'].get('kernels')}; read bandwidth at the start "
              f"{result['bandwidth']['gb_per_s']} GB/s {result['bandwidth'].get('kernels')}, "
              "measured again before and after each decoding row and the products: "
              f"{result['bandwidth'].get('during_run_gb_per_s')} GB/s.", ""]
    if m.get("kernels"):
        lines[-1:-1] = ["", f"Kernels `GPTModelFast` chose in this process: {m['kernels']}."]
    for cfg_name, rows in r["training"].items():
        lines += [f"Training {cfg_name}:", "",
                  "| variant | tokens/s (median) | vs transformers | of ceiling | peak MiB |",
                  "| --- | --- | --- | --- | --- |"]
        for variant, row in rows.items():
            run = result["training"][cfg_name]["runs"][variant]
            median = run.get("tokens_per_s_median")
            lines.append(f"| {variant} | {run['tokens_per_s']} ({median}) | "
                         f"{row['vs_transformers_fused']}x | {row['ceiling_fraction']:.1%} | "
                         f"{run['peak_mib']} |")
        lines.append("")
    lines += [f"Generation, {result['generation']['new_tokens']} new tokens:", "",
              "| variant | tokens/s | vs transformers (cache) | of bandwidth (GB/s) "
              "| same tokens |",
              "| --- | --- | --- | --- | --- |"]
    for name, run in result["generation"]["runs"].items():
        if "error" in run:
            lines.append(f"| {name} | failed: {run['error'][:70]} | | | |")
            continue
        row = r["generation"][name]
        lines.append(f"| {name} | {run['tokens_per_s']} | {row['vs_transformers_cache']}x | "
                     f"{row['bandwidth_fraction']:.1%} ({run.get('bandwidth_gb_per_s')}) | "
                     f"{run['same_tokens_as_plain']} |")
    compiling = result.get("generation_compile")
    if compiling:
        lines += ["", f"Compiled decoding (`compile_decoding`): `{json.dumps(compiling)}`."]
    products = result["generation"].get("one_token_products")
    if products:
        lines += ["", f"One-token products alone: read rates {products['gb_per_s']} GB/s; "
                  f"{products['products_only_tokens_per_s']} tokens/s if a step did nothing "
                  f"else ({products['products_only_bandwidth_fraction']:.1%} of the "
                  f"{products.get('bandwidth_gb_per_s')} GB/s measured around them)."]
    quality = result.get("quality") or {}
    if "error" in quality or not quality:
        lines += ["", f"Low-precision quality: `{json.dumps(quality)}`"]
    else:
        lines += ["", "Low-precision quality (model trained in the run; agreement of the first "
                  "greedy tokens with float32's, four prompts):", "",
                  "| weights | validation loss (change) | agreement, own text (per prompt) | "
                  "agreement, teacher-forced |", "| --- | --- | --- | --- |"]
        for kind, row in quality.items():
            if kind == "float32":
                lines.append(f"| float32 | {row['val_loss']} | | |")
                continue
            lines.append(f"| {kind} | {row['val_loss']} ({row['val_loss_change']:.3%}) | "
                         f"{row['token_agreement']:.1%} {row.get('token_agreement_per_prompt')} "
                         f"| {row.get('teacher_forced_agreement', float('nan')):.1%} |")
    lines += ["",
              "| goal | measured | target | met |", "| --- | --- | --- | --- |"]
    lines += [f"| {g['goal']} | {g['measured']} | {g['target']} | {g['met']} |"
              for g in r["goals"]]
    return "\n".join(lines)


def _save(result, out):
    """Write the JSON to a temporary name, then rename it (never a half-written file)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(result, indent=1, default=str))
    tmp.replace(out)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--quick", action="store_true", help="seconds-long smoke run at tiny sizes")
    p.add_argument("--device", default=None, help="cpu, cuda, mps (default: get_device())")
    p.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's)")
    p.add_argument("--out", default=None, help="JSON file to write (default: "
                   "benchmarks/results/compare_peers.json; a temp file with --quick)")
    p.add_argument("--warmup", type=int, default=1, help="untimed training steps per variant")
    p.add_argument("--steps", type=int, default=5, help="timed training steps per variant")
    p.add_argument("--gen-tokens", type=int, default=200, help="new tokens per generation")
    p.add_argument("--quality-steps", type=int, default=60,
                   help="training steps of the small model used to judge int8/bf16 quality")
    p.add_argument("--weights", default=None, help="GPT-2 model.safetensors for generation "
                   "and quality (default: random weights; a model trained here for quality)")
    p.add_argument("--compile", action="store_true", help="also train GPTModelFast compiled")
    p.add_argument("--compile-decoding", action="store_true",
                   help="also decode with compile_decoding (CPU; minutes to compile at 124M)")
    p.add_argument("--no-isolate", action="store_true",
                   help="train every variant in this process (default: one subprocess each)")
    p.add_argument("--skip-book", action="store_true", help="leave out llms-from-scratch")
    p.add_argument("--markdown", default=None,
                   help="print the README tables of a JSON written earlier, and exit")
    p.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if args.worker:
        run_worker(json.loads(args.worker))
        return {}
    if args.markdown:
        print(markdown(json.loads(Path(args.markdown).read_text())))
        return {}
    from llmscratch import GPT_CONFIG_124M, get_device
    from llmscratch.fast import quantize_for_generation, supported_options

    device = get_device(args.device)
    if args.threads:
        torch.set_num_threads(args.threads)
    if args.quick:
        args.warmup, args.steps, args.gen_tokens = 1, 2, min(args.gen_tokens, 8)
        args.quality_steps = min(args.quality_steps, 3)
    global _SKIP_BOOK
    if args.skip_book:
        _SKIP_BOOK = True
    result = {"machine": {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "device": str(device) if device.type != "cuda" else torch.cuda.get_device_name(device),
        "cpu": platform.processor() or platform.machine(), "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "cpu_capability": torch.backends.cpu.get_cpu_capability(),
        "load_average_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "book_package": _book_package(), "options": supported_options(device)},
        "settings": {k: v for k, v in vars(args).items() if k != "worker"}}
    print(json.dumps(result["machine"]))
    out = Path(args.out) if args.out else (
        Path(tempfile.gettempdir()) / "compare_peers_quick.json" if args.quick
        else Path(__file__).resolve().parent / "results" / "compare_peers.json")
    result["matmul"] = matmul_ceiling(device, 256 if args.quick else 2048, 3 if args.quick else 10)
    result["bandwidth"] = read_bandwidth(device, 64 if args.quick else 1024, 3 if args.quick else 8)
    result["machine"]["kernels"] = kernel_choices(device)

    configs = {"tiny": QUICK_CONFIG} if args.quick else TRAIN_CONFIGS
    result["training"] = {}
    for cfg_name, (overrides, batch_size) in configs.items():
        cfg = {**GPT_CONFIG_124M, **overrides}
        block = {"cfg": cfg, "batch_size": batch_size, "flops_per_token": flops_per_token(cfg),
                 "runs": {}}
        isolated = not (args.quick or args.no_isolate)
        for variant in train_variants(device, args.compile, isolated):
            spec = dict(variant=variant, cfg=cfg, batch_size=batch_size, warmup=args.warmup,
                        steps=args.steps, device=str(device), threads=torch.get_num_threads())
            if not isolated:
                run = measure_training(variant, cfg, batch_size, args.warmup, args.steps, device)
            else:
                run = _train_in_subprocess(spec)
            print(f"train {cfg_name} {variant}: {run}", flush=True)
            block["runs"][variant] = run
            result["training"][cfg_name] = block
            _save(result, out)  # partial results survive an interrupted run

    gen_cfg = {**GPT_CONFIG_124M, **(QUICK_CONFIG[0] if args.quick else {}), "drop_rate": 0.0}
    models, gen_cfg = generation_models(gen_cfg, device, args.weights)
    options = result["machine"]["options"]
    low = {kind: quantize_for_generation(models["GPTModelFast"], kind)
           for kind in ("int8", "bf16") if options[f"{kind}_weights"] is None}
    prompt = torch.tensor([[6109, 3626, 6100, 345]], device=device)  # "Every effort moves you"
    prompt = prompt % gen_cfg["vocab_size"]
    if args.compile_decoding:
        result["generation_compile"] = _compiled_decoding_model(models, device, args)
    runs = generation_runs(models, low, gen_cfg["context_length"])
    mib, reps = (64, 3) if args.quick else (1024, 4)
    seen = [result["bandwidth"]["gb_per_s"]]  # every bandwidth measured in this run

    def bandwidth():
        seen.append(read_bandwidth(device, mib, reps)["gb_per_s"])
        return seen[-1]

    result["generation"] = {"cfg": gen_cfg, "new_tokens": args.gen_tokens, "runs":
                            measure_generation(runs, prompt, args.gen_tokens, device, bandwidth)}
    weight_bytes = decode_bytes(models["GPTModelFast"])
    del models, low, runs  # free them before the products' own weight copies
    before = bandwidth()
    products = product_rates(gen_cfg, device, 16 if args.quick else 512)
    products["bandwidth_gb_per_s"] = max(before, bandwidth())
    products["products_only_bandwidth_fraction"] = round(
        products["products_only_tokens_per_s"] * weight_bytes
        / (products["bandwidth_gb_per_s"] * 1e9), 3)
    result["bandwidth"]["during_run_gb_per_s"] = [round(b, 2) for b in seen[1:]]
    result["generation"]["one_token_products"] = products
    _save(result, out)
    try:
        model, val_loader = quality_model(args, device, None)
        quantized = {}
        for kind in ("int8", "bf16"):
            if options[f"{kind}_weights"] is None:
                quantized[kind] = quantize_for_generation(model, kind)
                quantized[f"{kind} without rescoring"] = quantize_for_generation(
                    model, kind, rescore_top=0)
        result["quality"] = measure_quality(model, quantized, val_loader, device,
                                            10 if args.quick else 50)
    except Exception as err:  # no the-verdict offline: report it, keep the speed numbers
        result["quality"] = {"error": f"{type(err).__name__}: {err}"}
    result["machine"]["load_average_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    # measured again at the end: another program can disturb a few seconds, not both ends
    again = matmul_ceiling(device, 256 if args.quick else 2048, 3 if args.quick else 10)
    result["matmul"] = {**again, "gflops": max(again["gflops"], result["matmul"]["gflops"]),
                        "start_gflops": result["matmul"]["gflops"], "end_gflops": again["gflops"]}
    result["ratios"] = ratios_and_goals(result)

    _save(result, out)
    print_table(result)
    print(f"\nwrote {out}")
    return result


if __name__ == "__main__":
    main()
