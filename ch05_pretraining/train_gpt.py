"""Pretrain a GPT on plain text (chapter 5 and appendix D), on one device or many with torchrun.

Defaults are the book's run: GPT-2 124M shape, context 256, AdamW lr 4e-4 and weight decay 0.1,
10 epochs over the-verdict with batch size 2, evaluation every 5 steps on 5 batches, seed 123.
Appendix D's extras are flags: ``--warmup-steps``, ``--min-lr`` (cosine decay) and
``--grad-clip``. The run folder ``--out`` (default ``runs/ch05``; ``runs/ch05-quick`` for
``--quick``) receives ``metrics.json``, ``loss.png`` and ``checkpoint.pt`` (model, optimizer,
step, RNG states, losses so far; ``--resume`` continues it exactly as if it had never stopped).
Another run's results are never replaced unasked (``--overwrite``); bad flags or data, a NaN
loss or a ``--resume`` with other settings stop with one line (``--debug``: the traceback).

Examples::

    python ch05_pretraining/train_gpt.py --quick                 # tiny model, seconds on a CPU
    python ch05_pretraining/train_gpt.py                         # the book's run (slow on a CPU)
    python ch05_pretraining/train_gpt.py --data texts/ --warmup-steps 20 --min-lr 1e-5 --out runs/b
    python ch05_pretraining/train_gpt.py --quick --save-every 10 --out runs/a
    python ch05_pretraining/train_gpt.py --quick --out runs/a --resume runs/a/checkpoint.pt
    torchrun --nproc_per_node=2 ch05_pretraining/train_gpt.py --quick   # 2 processes (gloo)

Under ``torchrun`` (DDP; gloo on CPU, nccl on CUDA) each rank takes its share of every global
batch from a ``DistributedSampler`` seeded with ``--seed``: 1 and N processes give the same
losses, close to but not the book's ``DataLoader(shuffle=True)`` order (the notebook's is).
"""

from __future__ import annotations

import argparse
import sys
import time

import torch
from torch.utils.data import DataLoader, DistributedSampler

from llmscratch import scripting as sc
from llmscratch.checkpoints import get_rng_state, load_checkpoint, save_checkpoint, set_rng_state
from llmscratch.data import GPTDatasetV1
from llmscratch.device import get_device
from llmscratch.fast import (
    GPTModelFast,
    UnsupportedOptionError,
    calc_loss_batch_fast,
    keep_freed_memory,
)
from llmscratch.generation import encode_plain_text, generate, token_ids_to_text
from llmscratch.instruction import save_json
from llmscratch.model import GPTModel, model_config
from llmscratch.plotting import pyplot
from llmscratch.plotting_training import plot_losses
from llmscratch.pytorch_basics import cleanup_distributed
from llmscratch.tokenizer import get_gpt2_tokenizer
from llmscratch.training import calc_loss_batch, evaluate_model, make_adamw, warmup_cosine_lr

TINY = {k: sc.TINY_GPT_CONFIG[k] for k in ("emb_dim", "n_layers", "n_heads", "context_length")}
# Options left unset on the command line come from here (a tiny model learns visibly in 30
# steps only with a higher learning rate).
QUICK = dict(TINY, model_size="124M", epochs=1, batch_size=4, lr=3e-3, eval_freq=5,
             eval_iter=2, max_steps=30, sample_tokens=10)
FULL = dict(model_size="124M", emb_dim=None, n_layers=None, n_heads=None, context_length=256,
            epochs=10, batch_size=2, lr=4e-4, eval_freq=5, eval_iter=5, max_steps=None,
            sample_tokens=50)
RESULTS = ("checkpoint.pt", "metrics.json", "loss.png")
# Settings a resumed run must share with the checkpoint's run to continue it exactly.
RESUME_KEYS = ("data", "model_size", "emb_dim", "n_layers", "n_heads", "drop_rate", "qkv_bias",
               "context_length", "train_ratio", "epochs", "batch_size", "lr", "weight_decay",
               "warmup_steps", "initial_lr", "min_lr", "grad_clip", "seed")


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = p.add_argument

    def preset(flag, kind, what):  # an option filled by --quick or the full run
        key = flag[2:].replace("-", "_")
        add(flag, type=kind, default=None, help=f"{what} {sc.preset_help(key, QUICK, FULL)}")

    add("--data", nargs="*", default=None, help="UTF-8 .txt files, folders (default: the-verdict)")
    preset("--model-size", str, "GPT-2 shape: 124M, 355M, 774M, 1558M (or gpt2-small, ...)")
    preset("--emb-dim", sc.positive_int, "embedding width (None: that of --model-size)")
    preset("--n-layers", sc.positive_int, "block count")
    preset("--n-heads", sc.positive_int, "heads per block")
    add("--drop-rate", type=sc.probability, default=0.1, help="dropout (default 0.1)")
    add("--qkv-bias", action="store_true", help="bias in the query/key/value layers")
    preset("--context-length", sc.positive_int, "tokens per window and the model's context")
    add("--train-ratio", type=sc.probability, default=0.9, help="training share (default 0.9)")
    preset("--epochs", sc.positive_int, "passes over the data")
    preset("--batch-size", sc.positive_int, "global batch size, split over torchrun processes")
    preset("--max-steps", sc.positive_int, "stop after this many steps")
    preset("--lr", sc.positive_float, "peak learning rate (AdamW)")
    add("--weight-decay", type=sc.nonnegative_float, default=0.1, help="AdamW's (default 0.1)")
    add("--warmup-steps", type=sc.nonnegative_int, default=0, help="linear warmup (default 0)")
    add("--initial-lr", type=sc.positive_float, default=3e-5, help="warmup start (default 3e-05)")
    add("--min-lr", type=sc.positive_float, default=None,
        help="cosine-decay to this rate after warmup (default: none, --lr stays)")
    add("--grad-clip", type=sc.nonnegative_float, default=0.0,
        help="clip the gradient norm to this after warmup (default 0: no clipping)")
    preset("--eval-freq", sc.positive_int, "evaluate every N steps")
    preset("--eval-iter", sc.positive_int, "batches per evaluation")
    add("--start-context", type=sc.nonempty_text, default="Every effort moves you",
        help="prompt of the sample printed after every epoch (default 'Every effort moves you')")
    preset("--sample-tokens", sc.nonnegative_int, "tokens generated for each sample")
    add("--seed", type=int, default=123, help="seed of weights, data order, dropout (default 123)")
    add("--save-every", type=sc.nonnegative_int, default=0, help="also save every N steps")
    add("--resume", type=sc.existing_file, default=None, help="checkpoint.pt to continue")
    add("--compile", action="store_true", help="torch.compile the model (slow start)")
    add("--no-progress", action="store_true", help="no tqdm progress bar")
    add("--no-plot", action="store_true", help="do not write loss.png")
    add("--quick", action="store_true", help=f"tiny model and 30 steps: {QUICK}")
    sc.add_run_args(p, out_default="runs/ch05", fast=True)
    return sc.apply_presets(p.parse_args(argv), QUICK, FULL)


def build_config(args):
    shape = dict(emb_dim=args.emb_dim, n_layers=args.n_layers, n_heads=args.n_heads)
    try:
        return model_config(args.model_size, context_length=args.context_length,
                            drop_rate=args.drop_rate, qkv_bias=args.qkv_bias,
                            **{k: v for k, v in shape.items() if v is not None})
    except ValueError as err:
        raise sc.ScriptError(f"--model-size/--emb-dim/--n-heads/--n-layers: {err}") from None


def make_dataset(text, tokenizer, context_length, what):
    try:
        return GPTDatasetV1(text, tokenizer, max_length=context_length, stride=context_length)
    except ValueError as err:
        raise sc.ScriptError(f"the {what} part of the text is too short: {err}") from None


def sample(model, tokenizer, prompt, max_new_tokens, device):
    """Greedy continuation of ``prompt`` (the book's generate_and_print_sample, returned)."""
    model.eval()
    with torch.no_grad():
        ids = torch.tensor([encode_plain_text(tokenizer, prompt)], dtype=torch.long, device=device)
        out = generate(model, ids, max_new_tokens, model.pos_emb.num_embeddings)
    model.train()
    return token_ids_to_text(out.cpu(), tokenizer).replace("\n", " ")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parse_args(argv)  # every check that needs no data comes first
    cfg = build_config(args)
    sc.check_adamw_settings(args.lr, args.weight_decay, book_lr="4e-4")
    out = sc.prepare_run_dir(args.out, overwrite=args.overwrite, resume=args.resume,
                             results=RESULTS)
    state = load_checkpoint(args.resume, restore_rng=False) if args.resume else None
    if state is not None:  # a checkpoint of this script, trained with these settings?
        sc.check_resume_settings(args.resume, state["extra"].get("args"), args, RESUME_KEYS)
    device = get_device(args.device)
    rank, world, local_rank = sc.join_process_group("cuda" if device.type == "cuda" else "cpu")
    threads = torch.get_num_threads()
    if args.quick:  # a tiny model gains nothing from threads, and loses a lot on a busy CPU
        torch.set_num_threads(1)
    try:
        if device.type == "cuda" and world > 1:
            device = torch.device("cuda", local_rank)
        sc.install_signal_handlers(out / "checkpoint.pt", sc.resume_command(
            "ch05_pretraining/train_gpt.py", argv, out / "checkpoint.pt", world))
        metrics = train(args, cfg, out, state, rank, world, device)
        cleanup_distributed(wait=True)  # every rank is done: leave the group together
        return metrics
    finally:
        torch.set_num_threads(threads)
        cleanup_distributed()  # after an error, leave without waiting for the others


def train(args, cfg, out, state, rank, world, device):
    from tqdm.auto import tqdm

    say = print if rank == 0 else (lambda *a, **k: None)
    if args.batch_size % world:
        raise sc.ScriptError(f"--batch-size {args.batch_size} must be divisible by the number "
                             f"of processes ({world})")
    text = sc.read_text_files(args.data)
    split = int(args.train_ratio * len(text))
    tokenizer = get_gpt2_tokenizer()
    train_ds = make_dataset(text[:split], tokenizer, cfg["context_length"], "training")
    val_ds = make_dataset(text[split:], tokenizer, cfg["context_length"], "validation")
    sampler = DistributedSampler(train_ds, num_replicas=world, rank=rank, shuffle=True,
                                 seed=args.seed, drop_last=True)
    # Each loader gets its own generator: by default, starting to iterate a DataLoader draws a
    # number from the global RNG, which would shift the dropout masks of a resumed run.
    train_loader = DataLoader(train_ds, batch_size=args.batch_size // world, sampler=sampler,
                              drop_last=True, generator=torch.Generator())
    steps_per_epoch = len(train_loader)
    if steps_per_epoch == 0:
        raise sc.ScriptError(
            f"--batch-size {args.batch_size} is larger than the {len(train_ds)} training "
            f"windows of {cfg['context_length']} tokens: no optimizer step would be made; "
            "lower --batch-size or --context-length, or give more text")
    schedule_steps = steps_per_epoch * args.epochs  # --max-steps stops early, same schedule
    total_steps = min(schedule_steps, args.max_steps or schedule_steps)
    if state is not None and state["step"] >= total_steps:
        raise sc.ScriptError(f"--resume {args.resume} is already at step {state['step']} and "
                             f"this run ends at step {total_steps}: raise --max-steps")
    # Every rank evaluates the same batches with the package's evaluate_model: the weights are
    # equal on all ranks, so they get equal numbers without communication. (Sharing the
    # batches out would need a rank-sharded loss loop, which the package does not have.)
    train_eval = DataLoader(train_ds, batch_size=args.batch_size, generator=torch.Generator())
    val_eval = DataLoader(val_ds, batch_size=args.batch_size, generator=torch.Generator())

    torch.manual_seed(args.seed)  # the book's order: seed, then build the model
    model = (GPTModelFast if args.fast else GPTModel)(cfg).to(device)  # same initial weights
    if args.fast:
        try:
            keep_freed_memory(device)
        except UnsupportedOptionError as err:  # another OS or a GPU: train without it
            say(f"--fast without kept memory: {err}")
    optimizer = make_adamw(model, lr=args.lr, weight_decay=args.weight_decay)
    batch_loss = calc_loss_batch_fast if args.fast else calc_loss_batch
    run_model = model
    if world > 1:
        run_model = torch.nn.parallel.DistributedDataParallel(
            model, device_ids=[device.index] if device.type == "cuda" else None)
    if args.compile:
        run_model = torch.compile(run_model)

    history = dict(train_losses=[], val_losses=[], tokens_seen=[], eval_steps=[])
    step, tokens_seen = 0, 0  # step = optimizer steps completed so far
    if state is not None:
        load_checkpoint(args.resume, model, optimizer, map_location=device, restore_rng=False)
        step, history = state["step"], state["extra"]["history"]
        tokens_seen = state["extra"]["tokens_seen_total"]
        rng = state["extra"]["rng_states"]
        set_rng_state(rng[rank] if len(rng) == world else state["rng_state"])
        say(f"resumed from {args.resume} at step {step}")
    else:
        torch.manual_seed(args.seed + rank)  # dropout masks differ between ranks
        losses = evaluate_model(model, train_eval, val_eval, device, None)
        history["initial_train_loss"], history["initial_val_loss"] = losses
        say(f"initial losses: train {losses[0]:.3f}, val {losses[1]:.3f}")

    def checkpoint():
        rng_states = [get_rng_state()]
        if world > 1:  # every rank's RNG state, so each rank resumes its own dropout stream
            rng_states = [None] * world
            torch.distributed.all_gather_object(rng_states, get_rng_state())
        if rank == 0:
            saved_args = {k: str(v) if k == "resume" and v else v for k, v in vars(args).items()}
            save_checkpoint(out / "checkpoint.pt", model, optimizer, step=step, extra=dict(
                config=cfg, history=history, tokens_seen_total=tokens_seen,
                rng_states=rng_states, args=saved_args))

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
            # warmup, then a cosine to --min-lr, or with min_lr == lr the book's constant rate
            lr = warmup_cosine_lr(step, schedule_steps, args.lr, args.warmup_steps,
                                  args.initial_lr, args.lr if args.min_lr is None else args.min_lr)
            for group in optimizer.param_groups:
                group["lr"] = lr
            optimizer.zero_grad()
            loss = batch_loss(x, y, run_model, device)
            sc.check_finite_loss(loss, step + 1, out / "checkpoint.pt",
                                 fixes="a lower --lr (or --grad-clip 1.0)")  # before the weights
            loss.backward()
            if args.grad_clip > 0 and step >= args.warmup_steps:
                torch.nn.utils.clip_grad_norm_(model.parameters(), args.grad_clip)
            optimizer.step()
            tokens_seen += x.numel() * world
            if step % args.eval_freq == 0:
                tl, vl = evaluate_model(model, train_eval, val_eval, device, args.eval_iter)
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

    last = {f"final_{k[:-7]}_loss": history[k][-1] if history[k] else float("nan")
            for k in ("train_losses", "val_losses")}  # final_train_loss, final_val_loss
    metrics = dict(history, **last, steps=step, epochs=args.epochs, world_size=world,
                   steps_per_epoch=steps_per_epoch, device=str(device), config=cfg,
                   sample=sample_text, seconds=elapsed, tokens_seen_total=tokens_seen)
    if rank == 0:
        save_json(metrics, out / "metrics.json")
        if not args.no_plot and history["train_losses"]:
            epochs_seen = [(s + 1) / steps_per_epoch for s in history["eval_steps"]]
            pyplot().close(plot_losses(epochs_seen, history["tokens_seen"],
                                       history["train_losses"], history["val_losses"],
                                       path=out / "loss.png"))
        say(f"done: {step} steps in {elapsed:.1f} s; final train {metrics['final_train_loss']:.3f}"
            f", val {metrics['final_val_loss']:.3f}; wrote {out}/metrics.json, checkpoint.pt")
    return metrics


if __name__ == "__main__":
    sc.run_script(main)
