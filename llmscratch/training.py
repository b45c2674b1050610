"""Chapter 5 and appendix D: the loss, the training loops and the optimizer.

What is inside, in book order:

- ``calc_loss_batch``, ``calc_loss_loader``, ``evaluate_model``, ``generate_and_print_sample``,
  ``train_model_simple`` (Book §5.1-5.2): cross-entropy of next-token predictions, averaged
  over a data loader, and the plain AdamW loop with periodic evaluation.
- ``warmup_cosine_lr``, ``train_model``, ``find_highest_gradient`` (Book appendix D): linear
  warmup, cosine decay and gradient clipping.
- ``make_adamw``: AdamW built the way every script here builds it (fused kernel where PyTorch
  has one, see below).
- Checkpoints (Book §5.4) are in ``llmscratch.checkpoints``.

How it differs from the book:

- ``calc_loss_loader`` returns ``nan`` for an empty loader (as the book's code does) and the
  average over the batches it actually saw.
- ``train_model`` clips from the first step after warmup (``global_step >= warmup_steps``); the
  printed book used ``>``, which skipped one step (the book's repository fixed it the same way).
- ``make_adamw`` exists because the plain AdamW step is slow on CPU when its state holds
  denormal floats (below 1.2e-38, handled in a slow path); the fused kernel is unaffected
  (notebook: ch05_pretraining/ch05.ipynb).

Run the chapter: ``python ch05_pretraining/train_gpt.py --quick``.
"""

from __future__ import annotations

import math

import torch

from llmscratch.generation import generate_text_simple, text_to_token_ids, token_ids_to_text

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
