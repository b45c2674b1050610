"""Pretrain a GPT on plain text (chapter 5 and appendix D), on one device or many with torchrun.

Defaults are the book's run: GPT-2 124M shape, context 256, AdamW lr 4e-4 and weight decay 0.1,
10 epochs over the-verdict with batch size 2, evaluation every 5 steps on 5 batches, seed 123.
Appendix D's extras are flags: ``--warmup-steps``, ``--min-lr`` (cosine decay) and
``--grad-clip``. Everything lands in ``--out``: ``metrics.json``, ``loss.png`` and
``checkpoint.pt`` (model, optimizer, step, RNG states, losses so far; ``--resume`` continues it
exactly as if the run had never stopped).

Examples::

    python ch05_pretraining/train_gpt.py --quick                 # tiny model, seconds on a CPU
    python ch05_pretraining/train_gpt.py                         # the book's run (slow on a CPU)
    python ch05_pretraining/train_gpt.py --data my_texts/ --epochs 3 --warmup-steps 20 \\
        --min-lr 1e-5 --grad-clip 1.0
    python ch05_pretraining/train_gpt.py --fast                  # the same, with GPTModelFast
    python ch05_pretraining/train_gpt.py --quick --save-every 10 --out runs/a
    python ch05_pretraining/train_gpt.py --quick --out runs/a --resume runs/a/checkpoint.pt
    torchrun --nproc_per_node=2 ch05_pretraining/train_gpt.py --quick   # 2 processes (gloo)

Under ``torchrun`` every process runs this file: the model is wrapped in
DistributedDataParallel (gloo on CPU, nccl on CUDA), each rank takes its share of every global
batch (``--batch-size`` is the global batch, split evenly), evaluation batches are shared out
too, and rank 0 logs and saves. The data order comes from a ``DistributedSampler`` seeded with
``--seed``, so one process and N processes see the same global batches and give the same losses
(up to float rounding; dropout differs per rank). That order is not the book's
``DataLoader(shuffle=True)`` order, so the trajectory is close to the book's but not identical;
``train_model_simple`` in the notebook reproduces the book exactly.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
from pathlib import Path

import torch
from torch.utils.data import DataLoader, DistributedSampler

from llmscratch import (
    GPTDatasetV1,
    GPTModel,
    calc_loss_batch,
    cleanup_distributed,
    get_asset_path,
    get_device,
    get_gpt2_tokenizer,
    get_rng_state,
    init_distributed,
    load_checkpoint,
    make_adamw,
    model_config,
    save_checkpoint,
    set_rng_state,
    text_to_token_ids,
    token_ids_to_text,
    warmup_cosine_lr,
)
from llmscratch.fast import (
    GPTModelFast,
    UnsupportedOptionError,
    calc_loss_batch_fast,
    keep_freed_memory,
)

# What --quick and a normal run use for every option left unset on the command line.
# (A tiny model learns visibly in 30 steps only with a higher learning rate.)
QUICK = dict(model_size="124M", emb_dim=64, n_layers=2, n_heads=4, context_length=32, epochs=1,
             batch_size=4, lr=3e-3, eval_freq=5, eval_iter=2, max_steps=30, sample_tokens=10)
FULL = dict(model_size="124M", emb_dim=None, n_layers=None, n_heads=None, context_length=256,
            epochs=10, batch_size=2, lr=4e-4, eval_freq=5, eval_iter=5, max_steps=None,
            sample_tokens=50)


class _HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Show defaults, except None ones (those are filled from QUICK or FULL, see _both)."""

    def _get_help_string(self, action):
        return action.help if action.default is None else super()._get_help_string(action)


def _both(key, none="none"):
    """'(default X, --quick Y)' for an option whose default depends on --quick."""
    full = none if FULL[key] is None else FULL[key]
    return f"(default {full}, --quick {QUICK[key]})"


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=_HelpFormatter)
    p.add_argument("--data", nargs="*", default=None,
                   help="text files or folders of *.txt, joined with <|endoftext|> "
                        "(default: the-verdict)")
    p.add_argument("--model-size", default=None,
                   help="GPT-2 shape to start from: 124M/355M/774M/1558M (or gpt2-small, ...) "
                        "(default 124M)")
    p.add_argument("--emb-dim", type=int, default=None,
                   help=f"override the embedding width {_both('emb_dim', 'that of --model-size')}")
    p.add_argument("--n-layers", type=int, default=None,
                   help=f"override the block count {_both('n_layers', 'that of --model-size')}")
    p.add_argument("--n-heads", type=int, default=None,
                   help=f"override the heads per block {_both('n_heads', 'that of --model-size')}")
    p.add_argument("--drop-rate", type=float, default=0.1, help="dropout rate")
    p.add_argument("--qkv-bias", action="store_true", help="bias in the query/key/value layers")
    p.add_argument("--context-length", type=int, default=None,
                   help=f"tokens per training window and the model's context "
                        f"{_both('context_length')}")
    p.add_argument("--train-ratio", type=float, default=0.9,
                   help="share of the text (in characters) used for training")
    p.add_argument("--epochs", type=int, default=None,
                   help=f"passes over the data {_both('epochs')}")
    p.add_argument("--batch-size", type=int, default=None,
                   help=f"global batch size, split over torchrun processes {_both('batch_size')}")
    p.add_argument("--max-steps", type=int, default=None,
                   help=f"stop after this many steps {_both('max_steps', 'all')}")
    p.add_argument("--lr", type=float, default=None,
                   help=f"peak learning rate (AdamW) {_both('lr')}")
    p.add_argument("--weight-decay", type=float, default=0.1, help="AdamW weight decay")
    p.add_argument("--warmup-steps", type=int, default=0,
                   help="linear warmup from --initial-lr to --lr over this many steps")
    p.add_argument("--initial-lr", type=float, default=3e-5, help="learning rate at step 0")
    p.add_argument("--min-lr", type=float, default=None,
                   help="cosine-decay to this rate after warmup (default: none, --lr stays "
                        "constant after warmup)")
    p.add_argument("--grad-clip", type=float, default=0.0,
                   help="clip the gradient norm to this after warmup (0: no clipping)")
    p.add_argument("--eval-freq", type=int, default=None,
                   help=f"evaluate every N steps {_both('eval_freq')}")
    p.add_argument("--eval-iter", type=int, default=None,
                   help=f"batches per evaluation {_both('eval_iter')}")
    p.add_argument("--start-context", default="Every effort moves you",
                   help="prompt for the sample printed after every epoch")
    p.add_argument("--sample-tokens", type=int, default=None,
                   help=f"tokens generated for each sample {_both('sample_tokens')}")
    p.add_argument("--seed", type=int, default=123, help="seed for weights, data order, dropout")
    p.add_argument("--device", default=None,
                   help="cpu, cuda, cuda:1, mps (default: cuda > mps > cpu)")
    p.add_argument("--out", default="runs/ch05", help="folder for metrics, plot, checkpoint")
    p.add_argument("--save-every", type=int, default=0,
                   help="also save a checkpoint every N steps (0: only at the end)")
    p.add_argument("--resume", default=None, help="checkpoint.pt to continue from")
    p.add_argument("--fast", action="store_true",
                   help="train GPTModelFast (same weights and checkpoints, fused kernels; "
                        "other dropout draws) and, on Linux CPUs, keep freed memory for reuse")
    p.add_argument("--compile", action="store_true",
                   help="torch.compile the model (slow start; compiled dropout draws other "
                        "random numbers, so losses differ slightly from an eager run)")
    p.add_argument("--no-progress", action="store_true", help="no tqdm progress bar")
    p.add_argument("--no-plot", action="store_true", help="do not write loss.png")
    p.add_argument("--quick", action="store_true",
                   help=f"tiny model and a few steps, seconds on a CPU: {QUICK}")
    args = p.parse_args(argv)
    for key, value in (QUICK if args.quick else FULL).items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    return args


def read_text(paths):
    """One string from the given files/folders (default: the-verdict), <|endoftext|> between."""
    if not paths:
        return get_asset_path("the-verdict").read_text(encoding="utf-8")
    files = []
    for path in map(Path, paths):
        files += sorted(path.rglob("*.txt")) if path.is_dir() else [path]
    if not files:
        raise SystemExit(f"no .txt files found in {paths}")
    return "<|endoftext|>".join(f.read_text(encoding="utf-8") for f in files)


def build_config(args):
    overrides = {k: v for k, v in dict(emb_dim=args.emb_dim, n_layers=args.n_layers,
                                         n_heads=args.n_heads).items() if v is not None}
    return model_config(args.model_size, context_length=args.context_length,
                        drop_rate=args.drop_rate, qkv_bias=args.qkv_bias, **overrides)


def make_dataset(text, tokenizer, context_length, what):
    try:
        return GPTDatasetV1(text, tokenizer, max_length=context_length, stride=context_length)
    except ValueError as err:
        raise SystemExit(f"the {what} part of the text is too short: {err}") from None


def learning_rate(args, step, schedule_steps):
    """Warmup from --initial-lr, then constant --lr, or a cosine to --min-lr when it is set."""
    if step >= args.warmup_steps and args.min_lr is None:
        return args.lr  # the book's chapter-5 run: one fixed rate
    min_lr = args.lr if args.min_lr is None else args.min_lr
    return warmup_cosine_lr(step, schedule_steps, args.lr, args.warmup_steps, args.initial_lr,
                            min_lr)


def evaluate(model, loader, device, num_batches, rank, world):
    """Mean batch loss over the first ``num_batches`` batches (all when None), shared by ranks."""
    n = len(loader) if num_batches is None else min(num_batches, len(loader))
    where = device if torch.device(device).type == "cuda" else "cpu"  # nccl needs CUDA tensors
    total = torch.zeros(2, dtype=torch.float64, device=where)  # (sum of losses, batches)
    model.eval()
    with torch.no_grad():
        for i, (x, y) in enumerate(loader):
            if i >= n:
                break
            if i % world == rank:  # batch i is rank (i mod world)'s job
                total += torch.tensor([calc_loss_batch(x, y, model, device).item(), 1.0],
                                      dtype=torch.float64, device=where)
    model.train()
    if world > 1:
        torch.distributed.all_reduce(total)
    return (total[0] / total[1]).item() if total[1] > 0 else float("nan")


def sample(model, tokenizer, prompt, max_new_tokens, device):
    """Greedy continuation of ``prompt`` (the book's generate_and_print_sample, returned)."""
    from llmscratch import generate_text_simple

    model.eval()
    ids = text_to_token_ids(prompt, tokenizer).to(device)
    with torch.no_grad():
        out = generate_text_simple(model, ids, max_new_tokens, model.pos_emb.num_embeddings)
    model.train()
    return token_ids_to_text(out.cpu(), tokenizer).replace("\n", " ")


def main(argv=None):
    args = parse_args(argv)
    distributed = "RANK" in os.environ and "WORLD_SIZE" in os.environ
    device = get_device(args.device)
    rank, world, local_rank = init_distributed("cuda" if device.type == "cuda" else "cpu") \
        if distributed else (0, 1, 0)
    threads = torch.get_num_threads()
    if args.quick:  # a tiny model gains nothing from threads, and loses a lot on a busy CPU
        torch.set_num_threads(1)
    try:
        if device.type == "cuda" and distributed:
            device = torch.device("cuda", local_rank)
        return train(args, rank, world, device)
    finally:
        torch.set_num_threads(threads)
        if distributed:
            cleanup_distributed()


def train(args, rank, world, device):
    from tqdm.auto import tqdm

    out = Path(args.out)
    say = print if rank == 0 else (lambda *a, **k: None)
    if args.batch_size % world:
        raise SystemExit(f"--batch-size {args.batch_size} must be divisible by the number of "
                         f"processes ({world})")
    text = read_text(args.data)
    split = int(args.train_ratio * len(text))
    tokenizer = get_gpt2_tokenizer()
    cfg = build_config(args)
    train_ds = make_dataset(text[:split], tokenizer, cfg["context_length"], "training")
    val_ds = make_dataset(text[split:], tokenizer, cfg["context_length"], "validation")

    torch.manual_seed(args.seed)  # the book's order: seed, then build the model
    model = (GPTModelFast if args.fast else GPTModel)(cfg).to(device)  # same initial weights
    if args.fast:
        try:
            keep_freed_memory(device)
        except UnsupportedOptionError as err:  # another OS or a GPU: train without it
            say(f"--fast without kept memory: {err}")
    optimizer = make_adamw(model, lr=args.lr, weight_decay=args.weight_decay)
    batch_loss = calc_loss_batch_fast if args.fast else calc_loss_batch
    sampler = DistributedSampler(train_ds, num_replicas=world, rank=rank, shuffle=True,
                                 seed=args.seed, drop_last=True)
    # Each loader gets its own generator: by default, starting to iterate a DataLoader draws a
    # number from the global RNG, which would shift the dropout masks of a resumed run.
    train_loader = DataLoader(train_ds, batch_size=args.batch_size // world, sampler=sampler,
                              drop_last=True, generator=torch.Generator())
    # Evaluation reads both splits in a fixed order, with the global batch size.
    train_eval = DataLoader(train_ds, batch_size=args.batch_size, generator=torch.Generator())
    val_eval = DataLoader(val_ds, batch_size=args.batch_size, generator=torch.Generator())
    steps_per_epoch = len(train_loader)
    if steps_per_epoch == 0:
        raise SystemExit(f"{len(train_ds)} training windows make no batch of {args.batch_size}")
    schedule_steps = steps_per_epoch * args.epochs  # --max-steps stops early, same schedule
    total_steps = min(schedule_steps, args.max_steps or schedule_steps)

    run_model = model
    if world > 1:
        run_model = torch.nn.parallel.DistributedDataParallel(
            model, device_ids=[device.index] if device.type == "cuda" else None)
    if args.compile:
        run_model = torch.compile(run_model)

    history = dict(train_losses=[], val_losses=[], tokens_seen=[], eval_steps=[])
    step, tokens_seen = 0, 0  # step = optimizer steps completed so far
    if args.resume:
        state = load_checkpoint(args.resume, model, optimizer, map_location=device,
                                restore_rng=False)
        step, history = state["step"], state["extra"]["history"]
        tokens_seen = state["extra"]["tokens_seen_total"]
        rng = state["extra"]["rng_states"]
        set_rng_state(rng[rank] if len(rng) == world else state["rng_state"])
        say(f"resumed from {args.resume} at step {step}")
    else:
        torch.manual_seed(args.seed + rank)  # dropout masks differ between ranks
        history["initial_train_loss"] = evaluate(model, train_eval, device, None, rank, world)
        history["initial_val_loss"] = evaluate(model, val_eval, device, None, rank, world)
        say(f"initial losses: train {history['initial_train_loss']:.3f}, "
            f"val {history['initial_val_loss']:.3f}")

    def checkpoint():
        rng_states = [get_rng_state()]
        if world > 1:  # every rank's RNG state, so each rank resumes its own dropout stream
            rng_states = [None] * world
            torch.distributed.all_gather_object(rng_states, get_rng_state())
        if rank == 0:
            save_checkpoint(out / "checkpoint.pt", model, optimizer, step=step, extra=dict(
                config=cfg, history=history, tokens_seen_total=tokens_seen,
                rng_states=rng_states, args={k: v for k, v in vars(args).items()}))

    bar = tqdm(total=total_steps, initial=step, disable=rank != 0 or args.no_progress,
               desc="train", unit="step")
    log = bar.write if not bar.disable else say
    started, sample_text = time.perf_counter(), ""
    for epoch in range(step // steps_per_epoch, args.epochs):
        if step >= total_steps:
            break
        sampler.set_epoch(epoch)  # a new, seeded order every epoch
        for i, (x, y) in enumerate(train_loader):
            if i < step - epoch * steps_per_epoch:
                continue  # resumed run: this batch was trained on before the checkpoint
            lr = learning_rate(args, step, schedule_steps)
            for group in optimizer.param_groups:
                group["lr"] = lr
            optimizer.zero_grad()
            loss = batch_loss(x, y, run_model, device)
            loss.backward()
            if args.grad_clip > 0 and step >= args.warmup_steps:
                torch.nn.utils.clip_grad_norm_(model.parameters(), args.grad_clip)
            optimizer.step()
            tokens_seen += x.numel() * world
            if step % args.eval_freq == 0:
                tl = evaluate(model, train_eval, device, args.eval_iter, rank, world)
                vl = evaluate(model, val_eval, device, args.eval_iter, rank, world)
                for key, value in (("train_losses", tl), ("val_losses", vl),
                                   ("tokens_seen", tokens_seen), ("eval_steps", step)):
                    history[key].append(value)
                log(f"Ep {epoch + 1} (Step {step:06d}): Train loss {tl:.3f}, Val loss {vl:.3f}")
            step += 1
            bar.update(1)
            bar.set_postfix(loss=f"{loss.item():.3f}", lr=f"{lr:.2e}")
            if args.save_every and step % args.save_every == 0:
                checkpoint()
            if step >= total_steps:
                break
        if rank == 0:
            sample_text = sample(model, tokenizer, args.start_context, args.sample_tokens, device)
            log(f"sample: {sample_text}")
    bar.close()
    elapsed = time.perf_counter() - started
    checkpoint()

    metrics = dict(history, steps=step, epochs=args.epochs, steps_per_epoch=steps_per_epoch,
                   world_size=world, device=str(device), config=cfg, sample=sample_text,
                   seconds=elapsed, tokens_seen_total=tokens_seen,
                   final_train_loss=history["train_losses"][-1] if history["train_losses"]
                   else math.nan,
                   final_val_loss=history["val_losses"][-1] if history["val_losses"]
                   else math.nan)
    if rank == 0:
        out.mkdir(parents=True, exist_ok=True)
        (out / "metrics.json").write_text(json.dumps(metrics, indent=2))
        if not args.no_plot and history["train_losses"]:
            from llmscratch import plot_losses

            epochs_seen = [(s + 1) / steps_per_epoch for s in history["eval_steps"]]
            fig = plot_losses(epochs_seen, history["tokens_seen"], history["train_losses"],
                              history["val_losses"], path=out / "loss.png")
            import matplotlib.pyplot as plt

            plt.close(fig)
        say(f"done: {step} steps in {elapsed:.1f} s; final train {metrics['final_train_loss']:.3f}"
            f", val {metrics['final_val_loss']:.3f}; wrote {out}/metrics.json, checkpoint.pt")
    return metrics


if __name__ == "__main__":
    main()
