"""Chapter 5 and appendix D: the loss, the training loops, the optimizer, and checkpoints.

What is inside, in book order:

- ``calc_loss_batch``, ``calc_loss_loader``, ``evaluate_model``, ``generate_and_print_sample``,
  ``train_model_simple`` (Book §5.1-5.2): cross-entropy of next-token predictions, averaged
  over a data loader, and the plain AdamW loop with periodic evaluation.
- ``warmup_cosine_lr``, ``train_model``, ``find_highest_gradient`` (Book appendix D): linear
  warmup, cosine decay and gradient clipping.
- ``make_adamw``: AdamW built the way every script here builds it (fused kernel where PyTorch
  has one, see below).
- ``save_checkpoint``, ``load_checkpoint`` (Book §5.4, extended): model, optimizer, step and
  random-number-generator states in one file, so that a resumed run continues exactly as an
  uninterrupted one would.

How it differs from the book:

- ``calc_loss_loader`` returns ``nan`` for an empty loader (as the book's code does) and the
  average over the batches it actually saw.
- ``train_model`` clips from the first step after warmup (``global_step >= warmup_steps``); the
  printed book used ``>``, which skipped one step (the book's repository fixed it the same way).
- ``make_adamw`` exists because the plain AdamW step is slow on CPU when its state holds
  denormal floats (below 1.2e-38, handled in a slow path), as profiled for the book's model in
  issue 10; the fused kernel is unaffected (notebook: ch05_pretraining/ch05.ipynb).
- Checkpoints are written to a temporary name and renamed, loaded with ``weights_only=True``,
  and a damaged file or a model of the wrong shape gives an error that says what to do.

Run the chapter: ``python ch05_pretraining/train_gpt.py --quick``.
"""

from __future__ import annotations

import math
import os
import random
from pathlib import Path

import numpy as np
import torch

from llmscratch.generation import generate_text_simple, text_to_token_ids, token_ids_to_text

CHECKPOINT_FORMAT = "llmscratch-checkpoint-1"


# --- loss (Book §5.1) --------------------------------------------------------------------------


def calc_loss_batch(input_batch, target_batch, model, device):
    """Mean cross-entropy of the model's next-token predictions for one batch.

    ``input_batch`` and ``target_batch`` are token ids of shape (batch, num_tokens); the targets
    are the inputs shifted left by one. The logits (batch, num_tokens, vocab_size) are flattened
    to (batch * num_tokens, vocab_size) against targets flattened to (batch * num_tokens,).
    An untrained GPT-2 124M gives about 10.98, close to ln(50257) = 10.82 for uniform guesses.

    Book: §5.1.3; notebook: ch05_pretraining/ch05.ipynb
    """
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)  # (batch, num_tokens, vocab_size)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())


def calc_loss_loader(data_loader, model, device, num_batches=None):
    """Average ``calc_loss_batch`` over the first ``num_batches`` batches (all when None).

    Returns a Python float; ``nan`` when the loader is empty (for example a validation text
    shorter than one context window), so a short text never crashes a training run.

    Book: §5.1.3; notebook: ch05_pretraining/ch05.ipynb
    """
    return mean_batch_loss(
        data_loader, lambda x, y: calc_loss_batch(x, y, model, device), num_batches
    )


def mean_batch_loss(data_loader, batch_loss, num_batches=None):
    """Average ``batch_loss(input_batch, target_batch)`` over the first ``num_batches`` batches.

    The loop shared by chapter 5's ``calc_loss_loader`` (next-token loss) and chapter 6's
    (last-token classification loss). ``nan`` when the loader is empty.
    """
    if len(data_loader) == 0:
        return float("nan")
    num_batches = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    total_loss = 0.0
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if i >= num_batches:
            break
        total_loss += batch_loss(input_batch, target_batch).item()
    return total_loss / num_batches


def evaluate_model(model, train_loader, val_loader, device, eval_iter):
    """Training and validation loss over ``eval_iter`` batches each, in eval mode, no gradients.

    Returns ``(train_loss, val_loss)`` and puts the model back in training mode.

    Book: §5.2; notebook: ch05_pretraining/ch05.ipynb
    """
    model.eval()  # dropout off, so the estimate is not noisy
    with torch.no_grad():
        train_loss = calc_loss_loader(train_loader, model, device, num_batches=eval_iter)
        val_loss = calc_loss_loader(val_loader, model, device, num_batches=eval_iter)
    model.train()
    return train_loss, val_loss


def generate_and_print_sample(model, tokenizer, device, start_context):
    """Print 50 greedily generated tokens after ``start_context`` on one line.

    Book: §5.2; notebook: ch05_pretraining/ch05.ipynb
    """
    model.eval()
    context_size = model.pos_emb.weight.shape[0]
    encoded = text_to_token_ids(start_context, tokenizer).to(device)
    with torch.no_grad():
        token_ids = generate_text_simple(
            model=model, idx=encoded, max_new_tokens=50, context_size=context_size
        )
    print(token_ids_to_text(token_ids, tokenizer).replace("\n", " "))
    model.train()


# --- the simple training loop (Book §5.2) ------------------------------------------------------


def train_model_simple(model, train_loader, val_loader, optimizer, device, num_epochs,
                       eval_freq, eval_iter, start_context, tokenizer):
    """Train with a fixed learning rate; evaluate every ``eval_freq`` steps, sample every epoch.

    Returns ``(train_losses, val_losses, track_tokens_seen)``: one entry per evaluation, the
    third counting the input tokens processed so far. With the book's seed, data and settings
    this reproduces the book's loss trajectory (first evaluation 9.781 / 9.933 on the-verdict).

    Book: §5.2; notebook: ch05_pretraining/ch05.ipynb
    """
    train_losses, val_losses, track_tokens_seen = [], [], []
    tokens_seen, global_step = 0, -1
    for epoch in range(num_epochs):
        model.train()
        for input_batch, target_batch in train_loader:
            optimizer.zero_grad()  # gradients accumulate in .grad unless cleared
            loss = calc_loss_batch(input_batch, target_batch, model, device)
            loss.backward()
            optimizer.step()
            tokens_seen += input_batch.numel()
            global_step += 1
            if global_step % eval_freq == 0:
                train_loss, val_loss = evaluate_model(
                    model, train_loader, val_loader, device, eval_iter)
                train_losses.append(train_loss)
                val_losses.append(val_loss)
                track_tokens_seen.append(tokens_seen)
                print(f"Ep {epoch + 1} (Step {global_step:06d}): "
                      f"Train loss {train_loss:.3f}, Val loss {val_loss:.3f}")
        generate_and_print_sample(model, tokenizer, device, start_context)
    return train_losses, val_losses, track_tokens_seen


# --- appendix D: warmup, cosine decay, clipping --------------------------------------------------


def warmup_cosine_lr(step, total_steps, peak_lr, warmup_steps, initial_lr=3e-05, min_lr=1e-6):
    """Learning rate at 0-based ``step``: linear warmup, then cosine decay to ``min_lr``.

    Example: ``peak_lr=5e-4, warmup_steps=10, total_steps=100`` gives 3e-05 at step 0, about
    4.5e-4 at step 9, 5e-4 at step 10, 2.5e-4 halfway through the decay (step 55) and ``min_lr``
    at step 100. ``train_model`` and ``ch05_pretraining/train_gpt.py`` both use it.

    Book: appendix D.1-D.2; notebook: ch05_pretraining/training_extras.ipynb
    """
    if step < warmup_steps:
        lr_increment = (peak_lr - initial_lr) / warmup_steps  # the book's order of operations
        return initial_lr + step * lr_increment
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    return min_lr + (peak_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * progress))


def find_highest_gradient(model):
    """The largest single gradient entry over all parameters (a 0-d tensor; None before backward).

    Book: appendix D.3; notebook: ch05_pretraining/training_extras.ipynb
    """
    max_grad = None
    for param in model.parameters():
        if param.grad is not None:
            max_grad_param = param.grad.detach().flatten().max()
            if max_grad is None or max_grad_param > max_grad:
                max_grad = max_grad_param
    return max_grad


def train_model(model, train_loader, val_loader, optimizer, device, n_epochs, eval_freq,
                eval_iter, start_context, tokenizer, warmup_steps, initial_lr=3e-05, min_lr=1e-6):
    """``train_model_simple`` plus warmup, cosine decay and clipping at norm 1.0 after warmup.

    The peak learning rate is read from ``optimizer.param_groups[0]["lr"]``. Returns
    ``(train_losses, val_losses, track_tokens_seen, track_lrs)``; ``track_lrs`` has one entry per
    step.

    Book: appendix D.4; notebook: ch05_pretraining/training_extras.ipynb
    """
    train_losses, val_losses, track_tokens_seen, track_lrs = [], [], [], []
    tokens_seen, global_step = 0, -1
    peak_lr = optimizer.param_groups[0]["lr"]
    total_training_steps = len(train_loader) * n_epochs
    for epoch in range(n_epochs):
        model.train()
        for input_batch, target_batch in train_loader:
            optimizer.zero_grad()
            global_step += 1
            lr = warmup_cosine_lr(global_step, total_training_steps, peak_lr, warmup_steps,
                                  initial_lr, min_lr)
            for param_group in optimizer.param_groups:
                param_group["lr"] = lr
            track_lrs.append(lr)
            loss = calc_loss_batch(input_batch, target_batch, model, device)
            loss.backward()
            if global_step >= warmup_steps:  # clip once warmup is over
                torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
            optimizer.step()
            tokens_seen += input_batch.numel()
            if global_step % eval_freq == 0:
                train_loss, val_loss = evaluate_model(
                    model, train_loader, val_loader, device, eval_iter)
                train_losses.append(train_loss)
                val_losses.append(val_loss)
                track_tokens_seen.append(tokens_seen)
                print(f"Ep {epoch + 1} (Iter {global_step:06d}): "
                      f"Train loss {train_loss:.3f}, Val loss {val_loss:.3f}")
        generate_and_print_sample(model, tokenizer, device, start_context)
    return train_losses, val_losses, track_tokens_seen, track_lrs


# --- the optimizer -------------------------------------------------------------------------------


def _fused_devices():
    """Device types with a fused AdamW kernel in this PyTorch (CPU from 2.4 on)."""
    try:
        from torch.utils._foreach_utils import _get_fused_kernels_supported_devices

        return set(_get_fused_kernels_supported_devices())
    except ImportError:  # older PyTorch: only CUDA had fused AdamW
        return {"cuda"}


def make_adamw(model_or_params, lr, weight_decay=0.1, fused=None):
    """``torch.optim.AdamW`` with the fused kernel where this platform has one.

    ``model_or_params``: a module, or what AdamW accepts (parameters or parameter groups).
    ``fused=None`` picks the fused kernel when every parameter is a floating-point tensor on a
    device that supports it (CPU with PyTorch >= 2.4, CUDA); ``True`` insists (ValueError if
    unsupported); ``False`` gives the plain AdamW. Both give the same updates up to float
    rounding; fused avoids the denormal slowdown described in this module's docstring.
    Example: ``optimizer = make_adamw(model, lr=4e-4, weight_decay=0.1)``.

    Book: §5.2 (the book calls ``torch.optim.AdamW`` directly);
    notebook: ch05_pretraining/ch05.ipynb
    """
    if isinstance(model_or_params, torch.nn.Module):
        params = list(model_or_params.parameters())
    else:
        params = list(model_or_params)
    flat = [p for g in params for p in (g["params"] if isinstance(g, dict) else [g])]
    supported = _fused_devices()
    bad = sorted({f"{p.device.type}/{p.dtype}" for p in flat
                  if p.device.type not in supported or not p.is_floating_point()})
    if fused is None:
        fused = bool(flat) and not bad
    elif fused and bad:
        raise ValueError(f"fused AdamW is not available for parameters on {', '.join(bad)} in "
                         f"PyTorch {torch.__version__}; pass fused=None or False")
    return torch.optim.AdamW(params, lr=lr, weight_decay=weight_decay, fused=fused or None)


# --- checkpoints (Book §5.4) ----------------------------------------------------------------------


class CheckpointError(ValueError):
    """A checkpoint file cannot be read, or does not fit the model it is loaded into."""


def get_rng_state():
    """Every random-number-generator state a training run uses, in a weights_only-safe dict."""
    np_state = np.random.get_state()
    state = {
        "torch": torch.get_rng_state(),
        "numpy": {"keys": torch.from_numpy(np_state[1].astype(np.int64)),
                  "pos": int(np_state[2]), "has_gauss": int(np_state[3]),
                  "cached_gaussian": float(np_state[4])},
        "python": [random.getstate()[0], list(random.getstate()[1]), random.getstate()[2]],
    }
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state):
    """Restore what ``get_rng_state`` returned."""
    torch.set_rng_state(state["torch"])
    np_state = state["numpy"]
    np.random.set_state(("MT19937", np_state["keys"].numpy().astype(np.uint32), np_state["pos"],
                         np_state["has_gauss"], np_state["cached_gaussian"]))
    version, internal, gauss = state["python"]
    random.setstate((version, tuple(internal), gauss))
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def _unwrap(model):
    """The plain module inside DistributedDataParallel and/or torch.compile wrappers."""
    model = getattr(model, "module", model)
    return getattr(model, "_orig_mod", model)


def save_checkpoint(path, model, optimizer=None, step=0, extra=None):
    """Save model, optimizer, step, RNG states and ``extra`` (plain Python data) to ``path``.

    The keys ``model_state_dict`` and ``optimizer_state_dict`` are the book's, so the book's
    loading code reads these files too. The file is written under a temporary name and then
    renamed, so an interrupted save never leaves a half-written checkpoint behind.
    Example: ``save_checkpoint("out/ckpt.pt", model, optimizer, step=100, extra={"cfg": cfg})``.

    Book: §5.4; notebook: ch05_pretraining/ch05.ipynb
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "format": CHECKPOINT_FORMAT,
        "model_state_dict": _unwrap(model).state_dict(),
        "optimizer_state_dict": None if optimizer is None else optimizer.state_dict(),
        "step": int(step),
        "rng_state": get_rng_state(),
        "extra": {} if extra is None else extra,
    }
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        torch.save(payload, tmp)
        os.replace(tmp, path)  # atomic on the same file system
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _check_fits(model, state_dict, path):
    """Raise CheckpointError naming every missing, unexpected or wrongly shaped tensor."""
    own = model.state_dict()
    problems = [f"{k}: model {tuple(own[k].shape)}, checkpoint {tuple(v.shape)}"
                for k, v in state_dict.items() if k in own and own[k].shape != v.shape]
    missing = [k for k in own if k not in state_dict]
    unexpected = [k for k in state_dict if k not in own]
    if problems or missing or unexpected:
        lines = [f"shape mismatch: {p}" for p in problems[:5]]
        lines += [f"missing in checkpoint: {', '.join(missing[:5])}"] if missing else []
        lines += [f"not in model: {', '.join(unexpected[:5])}"] if unexpected else []
        raise CheckpointError(f"checkpoint {path} does not fit this model:\n  "
                              + "\n  ".join(lines)
                              + "\nBuild the model with the config the checkpoint was saved "
                                "with (train_gpt.py stores it under extra['config']).")


def load_checkpoint(path, model=None, optimizer=None, map_location="cpu", restore_rng=True):
    """Load a checkpoint into ``model``/``optimizer`` (each optional) and return its contents.

    Returns a dict with ``model_state_dict``, ``optimizer_state_dict``, ``step``, ``extra`` and
    ``rng_state``. RNG states are restored when ``restore_rng`` is True, so that dropout and
    shuffling continue as in the uninterrupted run. Also reads the book's files: a
    ``{"model_state_dict", "optimizer_state_dict"}`` dict or a bare ``model.state_dict()``.
    Raises ``FileNotFoundError``, or ``CheckpointError`` for a truncated or corrupt file and
    for a checkpoint whose tensors do not fit ``model`` (naming the tensor and both shapes).

    Book: §5.4; notebook: ch05_pretraining/ch05.ipynb
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no checkpoint at {path}: check the path, or train one with "
                                "ch05_pretraining/train_gpt.py --save-every N")
    try:
        data = torch.load(path, map_location=map_location, weights_only=True)
    except Exception as err:  # zip, pickle and EOF errors all mean a damaged file
        raise CheckpointError(
            f"cannot read checkpoint {path} ({path.stat().st_size:,} bytes): "
            f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}. The file is "
            "truncated or corrupt (was the run killed while copying it?); use an earlier "
            "checkpoint or save it again.") from err
    if isinstance(data, dict) and "model_state_dict" not in data and data and all(
            isinstance(v, torch.Tensor) for v in data.values()):
        data = {"model_state_dict": data}  # the book's torch.save(model.state_dict(), ...)
    if not isinstance(data, dict) or "model_state_dict" not in data:
        raise CheckpointError(f"{path} is not a model checkpoint (no 'model_state_dict' key)")
    data.setdefault("optimizer_state_dict", None)
    data.setdefault("step", 0)
    data.setdefault("extra", {})
    data.setdefault("rng_state", None)
    if model is not None:
        _check_fits(_unwrap(model), data["model_state_dict"], path)
        _unwrap(model).load_state_dict(data["model_state_dict"])
    if optimizer is not None:
        if data["optimizer_state_dict"] is None:
            raise CheckpointError(f"{path} holds no optimizer state; load it without an "
                                  "optimizer and build a fresh one")
        kernels = [{k: g[k] for k in ("fused", "foreach") if k in g}
                   for g in optimizer.param_groups]
        optimizer.load_state_dict(data["optimizer_state_dict"])
        for group, kernel in zip(optimizer.param_groups, kernels):
            group.update(kernel)  # keep this optimizer's kernel choice, not the saver's
    if restore_rng and data["rng_state"] is not None:
        set_rng_state(data["rng_state"])
    return data
