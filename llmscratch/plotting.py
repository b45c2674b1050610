"""Plots for every chapter: the only llmscratch module that imports matplotlib.

matplotlib is imported inside each function (never at import time), so the rest of the package
works without a display and without paying matplotlib's start-up cost. Each function draws on a
new figure (or on the ``ax`` you pass), returns the figure, and saves it when given ``path``.

Sections are grouped by chapter, in book order.
"""

from __future__ import annotations

from pathlib import Path


def _pyplot():
    """Import pyplot lazily; headless machines fall back to the Agg backend on their own."""
    import matplotlib.pyplot as plt

    return plt


def _finish(fig, path: str | Path | None):
    """Lay the figure out and save it when ``path`` is given (parent folders are created)."""
    fig.tight_layout()
    if path is not None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=120)
    return fig


# --- ch02: tokenizing ---------------------------------------------------------------------------


def plot_token_spans(pieces, ids=None, title=None, ax=None, path=None, line_chars=60):
    """Draw text as coloured spans, one per token, so the token boundaries are visible.

    ``pieces`` are the token strings in order (for GPT-2: ``[tok.decode([i]) for i in ids]``),
    ``ids`` optional numbers printed under each span. Spaces show as ``·`` and newlines as ``⏎``
    (and start a new line); a line wraps after about ``line_chars`` characters. Returns the
    figure. Example: ``plot_token_spans(["Hello", ",", " world"], [15496, 11, 995])``.

    Book: §2.5; notebook: ch02_tokenizing/ch02.ipynb
    """
    plt = _pyplot()
    rows, row, width = [], [], 0
    for k, piece in enumerate(pieces):
        label = piece.replace(" ", "·").replace("\n", "⏎").replace("\t", "→") or "∅"
        if row and width + len(label) > line_chars:
            rows.append(row)
            row, width = [], 0
        row.append((k, label))
        width += len(label) + 1
        if "\n" in piece:
            rows.append(row)
            row, width = [], 0
    if row:
        rows.append(row)
    height = 0.55 if ids is not None else 0.4
    fig = ax.figure if ax is not None else plt.figure(
        figsize=(0.14 * line_chars, 0.3 + height * max(len(rows), 1)))
    ax = ax if ax is not None else fig.add_subplot(1, 1, 1)
    colours = plt.get_cmap("tab20").colors
    for r, items in enumerate(rows):
        x = 0.0
        for k, label in items:
            w = 0.9 * len(label) + 0.6
            ax.add_patch(plt.Rectangle((x, -r * 1.6 - 0.5), w, 1.0, color=colours[k % 20],
                                       alpha=0.55, linewidth=0))
            ax.text(x + w / 2, -r * 1.6, label, ha="center", va="center", fontsize=9,
                    family="monospace")
            if ids is not None:
                ax.text(x + w / 2, -r * 1.6 - 0.8, str(ids[k]), ha="center", va="center",
                        fontsize=6, color="dimgray")
            x += w + 0.2
    ax.set_xlim(0, 0.9 * line_chars + 6)
    ax.set_ylim(-1.6 * max(len(rows), 1), 0.7)
    ax.axis("off")
    ax.set_title(title or f"{len(pieces)} tokens", fontsize=10)
    return _finish(fig, path)


def plot_sliding_windows(num_tokens, max_length, stride, num_windows=4, tokens=None, ax=None,
                         path=None):
    """Picture of the sliding window: one row per (input, target) pair over token positions.

    Row ``k`` colours the input positions ``[k*stride, k*stride + max_length)`` and outlines the
    target positions, one step to the right. With ``max_length=4, stride=4`` the rows tile the
    text; with ``stride=1`` each row moves by one token. ``tokens`` (strings) label the columns.
    Returns the figure.

    Book: §2.6; notebook: ch02_tokenizing/ch02.ipynb
    """
    plt = _pyplot()
    starts = list(range(0, num_tokens - max_length, stride))[:num_windows]
    shown = min(num_tokens, (starts[-1] if starts else 0) + max_length + 2)
    fig = ax.figure if ax is not None else plt.figure(figsize=(max(4.0, 0.45 * shown),
                                                                 0.6 + 0.45 * len(starts)))
    ax = ax if ax is not None else fig.add_subplot(1, 1, 1)
    for row, start in enumerate(starts):
        y = len(starts) - 1 - row
        for pos in range(start, start + max_length):
            ax.add_patch(plt.Rectangle((pos, y + 0.05), 1, 0.4, color="tab:blue", alpha=0.6))
        for pos in range(start + 1, start + max_length + 1):
            ax.add_patch(plt.Rectangle((pos, y + 0.5), 1, 0.4, fill=False, edgecolor="tab:red",
                                       linewidth=1.5))
    ax.set_xlim(0, shown)
    ax.set_ylim(0, len(starts))
    ax.set_yticks([len(starts) - 1 - r + 0.5 for r in range(len(starts))],
                  [f"window {r}" for r in range(len(starts))])
    ax.set_xticks([p + 0.5 for p in range(shown)],
                  list(tokens[:shown]) if tokens is not None else range(shown),
                  rotation=90 if tokens is not None else 0, fontsize=7)
    ax.set_title(f"max_length={max_length}, stride={stride}: blue = input, red = target",
                 fontsize=9)
    return _finish(fig, path)


def plot_bpe_compression(vocab_sizes, bytes_per_token, reference=None, label="our BPE",
                         ax=None, path=None):
    """Compression against vocabulary size for trained BPE tokenizers.

    ``bytes_per_token[i]`` is the text's UTF-8 length divided by its token count at
    ``vocab_sizes[i]`` (256 means plain bytes: 1.0). ``reference`` is an optional
    ``(label, vocab_size, bytes_per_token)`` point, e.g. GPT-2 on the same text; ``label`` names
    the curve (add more curves with ``fig.axes[0].plot``). Returns the figure.

    Book: BPE-from-scratch bonus; notebook: ch02_tokenizing/bpe_from_scratch.ipynb
    """
    plt = _pyplot()
    fig = ax.figure if ax is not None else plt.figure(figsize=(4.8, 3.4))
    ax = ax if ax is not None else fig.add_subplot(1, 1, 1)
    ax.plot(list(vocab_sizes), list(bytes_per_token), marker="o", label=label)
    if reference is not None:
        label, size, value = reference
        ax.scatter([size], [value], color="tab:red", zorder=3, label=label)
        ax.set_xscale("log")
    ax.set_xlabel("vocabulary size")
    ax.set_ylabel("bytes per token (higher = shorter sequences)")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return _finish(fig, path)


# --- ch03: attention ----------------------------------------------------------------------------


def plot_attention_weights(weights, tokens=None, title=None, ax=None, path=None, annotate=None):
    """Heatmap of one attention-weight matrix: row = query token, column = key token.

    ``weights`` is ``(num_queries, num_keys)`` (tensor or array); ``tokens`` labels both axes
    (for example ``["Your", "journey", "starts", "with", "one", "step"]``). Values are written in
    the cells when the matrix is at most 8 x 8 (``annotate`` forces it on or off). Masked future
    positions show as 0. Returns the figure.

    Book: §3.3-3.5; notebook: ch03_attention/ch03.ipynb
    """
    import numpy as np

    plt = _pyplot()
    w = np.asarray(weights.detach().cpu() if hasattr(weights, "detach") else weights, dtype=float)
    if w.ndim != 2:
        raise ValueError(f"plot_attention_weights needs a 2-D matrix, got shape {w.shape}; "
                         "use plot_attention_heads for (num_heads, T, T)")
    fig = ax.figure if ax is not None else plt.figure(figsize=(4.2, 3.6))
    ax = ax if ax is not None else fig.add_subplot(1, 1, 1)
    image = ax.imshow(w, cmap="viridis", vmin=0.0, vmax=max(float(w.max()), 1e-9))
    ax.set_xlabel("key (attended-to token)")
    ax.set_ylabel("query token")
    if tokens is not None:
        ax.set_xticks(range(w.shape[1]), list(tokens)[-w.shape[1]:], rotation=45, ha="right")
        ax.set_yticks(range(w.shape[0]), list(tokens)[-w.shape[0]:])
    if annotate if annotate is not None else max(w.shape) <= 8:
        for i in range(w.shape[0]):
            for j in range(w.shape[1]):
                ax.text(j, i, f"{w[i, j]:.2f}", ha="center", va="center", fontsize=7,
                        color="white" if w[i, j] < 0.6 * w.max() else "black")
    if title:
        ax.set_title(title)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    return _finish(fig, path)


def plot_attention_heads(weights, tokens=None, title=None, path=None):
    """One heatmap per head for weights of shape ``(num_heads, num_tokens, num_tokens)``.

    Use ``llmscratch.get_attention_weights(mha, x)[0]`` for the first sequence of a batch.
    Returns the figure.

    Book: §3.6; notebook: ch03_attention/ch03.ipynb
    """
    plt = _pyplot()
    num_heads = len(weights)
    cols = min(num_heads, 4)
    rows = (num_heads + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(3.6 * cols, 3.2 * rows), squeeze=False)
    for h, ax in enumerate(axes.flat):
        if h >= num_heads:
            ax.axis("off")
            continue
        plot_attention_weights(weights[h], tokens=tokens, title=f"head {h}", ax=ax)
    if title:
        fig.suptitle(title)
    return _finish(fig, path)


def plot_attention_timings(timings, baseline=None, title=None, path=None):
    """Horizontal bars of seconds per call, one bar per implementation, labelled with the ratio.

    ``timings`` maps a name to seconds, e.g. ``{"book MHA": 0.012, "SDPA": 0.007}``; ratios are
    relative to ``baseline`` (default: the first entry). Returns the figure.

    Notebook: ch03_attention/efficient_attention.ipynb
    """
    plt = _pyplot()
    names = list(timings)
    base = timings[baseline if baseline is not None else names[0]]
    fig, ax = plt.subplots(figsize=(6.5, 0.45 * len(names) + 1.2))
    seconds = [timings[n] * 1e3 for n in names]
    bars = ax.barh(names, seconds, color="tab:blue")
    for bar, name in zip(bars, names):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2,
                f" {timings[name] / base:.2f}x", va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("milliseconds per call (lower is faster)")
    ax.set_xlim(0, max(seconds) * 1.2)
    if title:
        ax.set_title(title)
    return _finish(fig, path)


# --- ch04: GPT model ----------------------------------------------------------------------------


def plot_gelu_relu(x=None, path=None):
    """GELU next to ReLU on ``x`` (default: 200 points from -3 to 3), one panel each.

    GELU is smooth and dips slightly below zero (its minimum is about -0.17 near x = -0.75);
    ReLU is zero for every negative input and has a kink at 0. Returns the figure.

    Book: §4.3 (figure 4.8); notebook: ch04_gpt_model/ch04.ipynb
    """
    import torch

    from llmscratch.model import GELU

    plt = _pyplot()
    x = torch.linspace(-3, 3, 200) if x is None else torch.as_tensor(x, dtype=torch.float32)
    fig, axes = plt.subplots(1, 2, figsize=(8, 3), sharey=True)
    for ax, (label, fn) in zip(axes, [("GELU", GELU()), ("ReLU", torch.nn.ReLU())]):
        ax.plot(x.numpy(), fn(x).numpy())
        ax.axhline(0, color="grey", lw=0.5)
        ax.set_title(f"{label} activation function")
        ax.set_xlabel("x")
        ax.grid(True)
    axes[0].set_ylabel("f(x)")
    return _finish(fig, path)


def plot_gradient_magnitudes(grads_by_label, path=None):
    """Mean absolute gradient per layer, one line per model variant, on a log scale.

    ``grads_by_label`` maps a label to ``{layer name: mean |grad|}``, e.g.
    ``{"without shortcuts": {"layers.0.0.weight": 2e-4, ...}, "with shortcuts": {...}}``.
    Without shortcuts the early layers' gradients shrink towards zero (vanishing gradients);
    with them they stay within an order of magnitude. Returns the figure.

    Book: §4.4; notebook: ch04_gpt_model/ch04.ipynb
    """
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 3.2))
    for label, grads in grads_by_label.items():
        ax.plot(range(len(grads)), list(grads.values()), marker="o", label=label)
        names = list(grads)
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels([n.removesuffix(".weight") for n in names], rotation=30, fontsize=8)
    ax.set_yscale("log")
    ax.set_xlabel("layer (input side on the left)")
    ax.set_ylabel("mean |gradient| of the weight")
    ax.legend()
    return _finish(fig, path)


def plot_time_per_token(times_by_label, path=None):
    """Seconds per generated token against the token's position, one line per method.

    ``times_by_label`` maps a label to a list of seconds, one per generation step, e.g.
    ``{"plain": [...], "KV cache": [...]}``. Plain generation re-reads the whole sequence every
    step, so its line climbs with the position; with a cache it stays roughly flat. Returns the
    figure.

    Book: chapter 4 KV-cache bonus; notebook: ch04_gpt_model/kv_cache.ipynb
    """
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 3.2))
    for label, times in times_by_label.items():
        ax.plot(range(1, len(times) + 1), [t * 1e3 for t in times], label=label)
    ax.set_xlabel("generation step (tokens generated so far)")
    ax.set_ylabel("milliseconds per token")
    ax.set_ylim(bottom=0)
    ax.legend()
    return _finish(fig, path)


# --- ch05: pretraining --------------------------------------------------------------------------


def plot_losses(epochs_seen, tokens_seen, train_losses, val_losses, ax=None, path=None):
    """Training and validation loss against epochs, with a second x-axis of tokens seen.

    The four arguments are equally long sequences, one entry per evaluation (``epochs_seen`` is
    usually ``torch.linspace(0, num_epochs, len(train_losses))``). Draws on ``ax`` when given,
    saves to ``path`` when given, and returns the figure.

    Book: §5.2; notebook: ch05_pretraining/ch05.ipynb
    """
    from matplotlib.ticker import MaxNLocator

    plt = _pyplot()
    epochs_seen, tokens_seen = [float(e) for e in epochs_seen], [int(t) for t in tokens_seen]
    fig = ax.figure if ax is not None else plt.figure(figsize=(5, 3))
    ax1 = ax if ax is not None else fig.add_subplot(1, 1, 1)
    ax1.plot(epochs_seen, train_losses, label="Training loss")
    ax1.plot(epochs_seen, val_losses, linestyle="-.", label="Validation loss")
    ax1.set_xlabel("Epochs")
    ax1.set_ylabel("Loss")
    ax1.legend(loc="upper right")
    ax1.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole epochs only
    ax2 = ax1.twiny()  # same y-axis, a second x-axis on top
    ax2.plot(tokens_seen, train_losses, alpha=0)  # invisible: only aligns the tick labels
    ax2.set_xlabel("Tokens seen")
    return _finish(fig, path)


# --- ch06: classification -----------------------------------------------------------------------


def plot_values(epochs_seen, examples_seen, train_values, val_values, label="loss", path=None):
    """Training and validation curves against epochs (bottom axis) and examples seen (top).

    ``train_values``/``val_values`` are the losses or accuracies recorded by
    ``train_classifier_simple``; ``epochs_seen`` and ``examples_seen`` give their x positions,
    e.g. ``torch.linspace(0, num_epochs, len(train_losses))``. ``label`` ("loss", "accuracy")
    names the curves and the y axis. Returns the figure; saves it when ``path`` is given (the
    book always wrote ``f"{label}-plot.pdf"``).

    Book: §6.7; notebook: ch06_classification/ch06.ipynb
    """
    plt = _pyplot()
    to_list = lambda values: [float(v) for v in values]  # noqa: E731 (tensors or lists)
    fig, ax1 = plt.subplots(figsize=(5, 3))
    ax1.plot(to_list(epochs_seen), to_list(train_values), label=f"Training {label}")
    ax1.plot(to_list(epochs_seen), to_list(val_values), linestyle="-.",
             label=f"Validation {label}")
    ax1.set_xlabel("Epochs")
    ax1.set_ylabel(label.capitalize())
    ax1.legend()
    ax2 = ax1.twiny()  # a second x axis on top, same curve drawn invisibly to set its range
    ax2.plot(to_list(examples_seen), to_list(train_values), alpha=0)
    ax2.set_xlabel("Examples seen")
    return _finish(fig, path)


# --- ch07: instruction finetuning -----------------------------------------------------------------


def plot_collate_masking(inputs, targets, ignore_index=-100, pad_token_id=50256,
                         instruction_lengths=None, ax=None, path=None):
    """Picture of a ``custom_collate_fn`` batch: which target positions count in the loss.

    One row per sequence, one cell per position, coloured by what the target there is: a token
    the model must predict, the end-of-text token it must learn to emit, padding replaced by
    ``ignore_index``, or (with ``instruction_lengths``) a prompt token left out of the loss.
    Cells show the token ids when there are at most 24 positions. Returns the figure.

    Book: §7.3 (figures 7.11-7.13); notebook: ch07_instruction/ch07.ipynb
    """
    import numpy as np
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    plt = _pyplot()
    inputs = np.asarray(inputs.cpu() if hasattr(inputs, "cpu") else inputs)
    targets = np.asarray(targets.cpu() if hasattr(targets, "cpu") else targets)
    kinds = np.zeros(targets.shape, dtype=int)  # 0: a token to predict
    kinds[targets == pad_token_id] = 1  # the end-of-text token that ends the answer
    kinds[targets == ignore_index] = 2  # padding: ignored
    if instruction_lengths is not None:
        for row, length in enumerate(instruction_lengths):
            prompt = slice(0, max(length - 1, 0))  # targets that are prompt tokens
            kinds[row, prompt][targets[row, prompt] == ignore_index] = 3
    colors = ["#4c72b0", "#55a868", "#d0d0d0", "#dd8452"]
    labels = ["target counted in the loss", "end-of-text target (kept)",
              f"padding -> {ignore_index} (ignored)", f"prompt -> {ignore_index} (ignored)"]
    rows, cols = targets.shape
    fig = ax.figure if ax is not None else plt.figure(figsize=(min(4 + 0.6 * cols, 16),
                                                              1.0 + 0.5 * rows))
    ax = ax if ax is not None else fig.add_subplot(1, 1, 1)
    ax.imshow(kinds, cmap=ListedColormap(colors), vmin=0, vmax=3, aspect="auto")
    if cols <= 24:
        for i in range(rows):
            for j in range(cols):
                ax.text(j, i, f"{inputs[i, j]}\n->{targets[i, j]}", ha="center", va="center",
                        fontsize=6)
    ax.set_xlabel("position (cell text: input id -> target id)")
    ax.set_ylabel("sequence in the batch")
    ax.set_yticks(range(rows))
    used = sorted(set(kinds.ravel().tolist()))
    ax.legend(handles=[Patch(color=colors[k], label=labels[k]) for k in used],
              loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize=8)
    return _finish(fig, path)


def plot_dpo_rewards(tracking, path=None):
    """DPO training curves from ``train_model_dpo_simple``'s dict: loss and reward margin.

    Left: training and validation DPO loss (it starts at ln 2 = 0.693). Right: the reward
    margin, chosen minus rejected reward, which grows as the policy learns the preferences.
    The x-axis is the number of tokens seen. Returns the figure.

    Book: chapter 7 bonus (DPO), section 5; notebook: ch07_instruction/dpo.ipynb
    """
    plt = _pyplot()
    tokens = tracking["tokens_seen"]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.2))
    for split, style in (("train", "-"), ("val", "-.")):
        name = "Training" if split == "train" else "Validation"
        ax1.plot(tokens, tracking[f"{split}_losses"], style, label=f"{name} loss")
        margins = [c - r for c, r in zip(tracking[f"{split}_chosen_rewards"],
                                         tracking[f"{split}_rejected_rewards"])]
        ax2.plot(tokens, margins, style, label=f"{name} reward margin")
    ax1.axhline(0.6931, color="grey", linewidth=0.8, linestyle=":", label="ln 2 (no preference)")
    ax1.set_ylabel("DPO loss")
    ax2.set_ylabel("chosen - rejected reward")
    for ax in (ax1, ax2):
        ax.set_xlabel("Tokens seen")
        ax.legend(fontsize=8)
    return _finish(fig, path)


def plot_scores(scores_by_label, ax=None, path=None, bins=10):
    """Histograms of 0-100 scores (judge scores or ROUGE-L x 100), one per label, with means.

    ``scores_by_label``: ``{"ROUGE-L": [...], "Llama 3 judge": [...]}``. Returns the figure.

    Notebook: ch07_instruction/ch07.ipynb
    """
    plt = _pyplot()
    fig = ax.figure if ax is not None else plt.figure(figsize=(5, 3))
    ax = ax if ax is not None else fig.add_subplot(1, 1, 1)
    for label, scores in scores_by_label.items():
        scores = [float(s) for s in scores]
        mean = sum(scores) / len(scores) if scores else float("nan")
        ax.hist(scores, bins=bins, range=(0, 100), alpha=0.6, label=f"{label} (mean {mean:.1f})")
    ax.set_xlabel("score (0-100)")
    ax.set_ylabel("responses")
    ax.legend(fontsize=8)
    return _finish(fig, path)


# --- appendix A: PyTorch --------------------------------------------------------------------------


def plot_toy_losses(losses, ax=None, path=None):
    """Plot the loss of every training batch (x: step, y: cross-entropy loss).

    ``losses`` is the list that ``train_toy_model`` returns. Returns the figure.

    Book: §A.7; notebook: appendix_a_pytorch/part1_tensors_autograd.ipynb
    """
    plt = _pyplot()
    fig, ax = (ax.figure, ax) if ax is not None else plt.subplots(figsize=(5, 3))
    steps = range(1, len(losses) + 1)
    ax.plot(steps, list(losses), marker="o")
    ax.set_xlabel("training step (one batch)")
    ax.set_ylabel("cross-entropy loss")
    ax.set_title("Training loss on the toy data")
    return _finish(fig, path)


def plot_toy_decision_boundary(model, X, y, ax=None, path=None, resolution=200):
    """Colour the plane by the class ``model`` predicts there and draw the points ``(X, y)``.

    ``X`` has shape (num_examples, 2) and ``y`` shape (num_examples,); the model maps
    (n, 2) -> (n, num_classes) logits. The grid covers the points with a margin of 1.

    Book: §A.7; notebook: appendix_a_pytorch/part1_tensors_autograd.ipynb
    """
    import torch

    plt = _pyplot()
    fig, ax = (ax.figure, ax) if ax is not None else plt.subplots(figsize=(4.5, 4))
    X = torch.as_tensor(X, dtype=torch.float32).cpu()
    lo, hi = X.min(dim=0).values - 1.0, X.max(dim=0).values + 1.0
    xs = torch.linspace(float(lo[0]), float(hi[0]), resolution)
    ys = torch.linspace(float(lo[1]), float(hi[1]), resolution)
    grid_x, grid_y = torch.meshgrid(xs, ys, indexing="xy")
    grid = torch.stack([grid_x.reshape(-1), grid_y.reshape(-1)], dim=1)  # (resolution**2, 2)
    param = next(model.parameters(), None)
    device = param.device if param is not None else torch.device("cpu")
    was_training = model.training
    model.eval()
    with torch.no_grad():
        pred = model(grid.to(device)).argmax(dim=1).cpu().reshape(resolution, resolution)
    model.train(was_training)
    y = torch.as_tensor(y).cpu()
    num_classes = max(int(pred.max()), int(y.max()), 1) + 1  # same colour for a class in both
    levels = [c - 0.5 for c in range(num_classes + 1)]
    ax.contourf(grid_x, grid_y, pred, levels=levels, alpha=0.25, cmap="coolwarm")
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", vmin=0, vmax=num_classes - 1,
               edgecolors="k")
    ax.set_xlabel("feature 1")
    ax.set_ylabel("feature 2")
    ax.set_title("Predicted class")
    return _finish(fig, path)


def plot_ddp_gradient_averaging(world_size=2, ax=None, path=None):
    """Draw what one DistributedDataParallel step does with ``world_size`` processes.

    Each rank gets a different mini-batch, computes its own gradient on its own copy of the
    model, the gradients are averaged across ranks (all-reduce), and every rank applies the same
    averaged gradient, so all copies stay identical. Returns the figure.

    Book: §A.9.2; notebook: appendix_a_pytorch/part2_devices_and_ddp.ipynb
    """
    plt = _pyplot()
    if world_size < 1:
        raise ValueError(f"world_size must be at least 1, got {world_size}")
    fig, ax = (ax.figure, ax) if ax is not None else plt.subplots(
        figsize=(2.6 * world_size + 1.5, 4.6))
    stages = ["mini-batch (its own share)", "model copy: forward + backward",
              "local gradient g{r}", "optimizer step with the mean"]
    box = dict(boxstyle="round,pad=0.35", fc="#eef3fb", ec="#4a6fa5")
    for r in range(world_size):
        x = r + 0.5
        ax.text(x, 5.2, f"rank {r}", ha="center", fontweight="bold")
        for level, text in enumerate(stages):
            y = 4.4 - level * 1.25
            if level == 3:
                y -= 0.6  # leave room for the all-reduce bar
            ax.text(x, y, text.format(r=r), ha="center", va="center", fontsize=8, bbox=box)
            if level in (0, 1):
                ax.annotate("", xy=(x, y - 0.85), xytext=(x, y - 0.35),
                            arrowprops=dict(arrowstyle="->"))
        ax.annotate("", xy=(x, 1.25), xytext=(x, 1.65), arrowprops=dict(arrowstyle="->"))
        ax.annotate("", xy=(x, 0.45), xytext=(x, 0.85), arrowprops=dict(arrowstyle="->"))
    mean = " + ".join(f"g{r}" for r in range(min(world_size, 4)))
    mean += " + ..." if world_size > 4 else ""
    from matplotlib.patches import FancyBboxPatch

    # one bar across all ranks: the all-reduce is a collective, every rank takes part
    ax.add_patch(FancyBboxPatch((0.12, 0.82), world_size - 0.24, 0.46,
                                boxstyle="round,pad=0.02", fc="#fdf1dc", ec="#c98a1b"))
    label = f"all-reduce: g = ({mean}) / {world_size}, the same on every rank"
    ax.text(world_size / 2, 1.05, label, ha="center", va="center", fontsize=9)
    ax.set_xlim(0, world_size)
    ax.set_ylim(-0.9, 5.6)
    ax.axis("off")
    ax.set_title("One DistributedDataParallel step")
    return _finish(fig, path)
