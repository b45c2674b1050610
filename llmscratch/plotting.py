"""Plots for chapters 2-4 (tokens, attention, the GPT model); ``plotting_training`` has the rest.

These two are the only llmscratch modules that import matplotlib, and only inside each function
(never at import time), so the rest of the package works without a display and without paying
matplotlib's start-up cost. Each function draws on a new figure (or on the ``ax`` you pass),
returns the figure, and saves it when given ``path``. Every plot function is also importable
from the top-level package (``from llmscratch import plot_losses``).

Sections are grouped by chapter, in book order.
"""

from __future__ import annotations

from pathlib import Path


def pyplot():
    """Import pyplot lazily; headless machines fall back to the Agg backend on their own."""
    import matplotlib.pyplot as plt

    return plt


def finish_figure(fig, path: str | Path | None):
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
    plt = pyplot()
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
    return finish_figure(fig, path)


def plot_sliding_windows(num_tokens, max_length, stride, num_windows=4, tokens=None, ax=None,
                         path=None):
    """Picture of the sliding window: one row per (input, target) pair over token positions.

    Row ``k`` colours the input positions ``[k*stride, k*stride + max_length)`` and outlines the
    target positions, one step to the right. With ``max_length=4, stride=4`` the rows tile the
    text; with ``stride=1`` each row moves by one token. ``tokens`` (strings) label the columns.
    Returns the figure.

    Book: §2.6; notebook: ch02_tokenizing/ch02.ipynb
    """
    plt = pyplot()
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
    return finish_figure(fig, path)


def plot_bpe_compression(vocab_sizes, bytes_per_token, reference=None, label="our BPE",
                         ax=None, path=None):
    """Compression against vocabulary size for trained BPE tokenizers.

    ``bytes_per_token[i]`` is the text's UTF-8 length divided by its token count at
    ``vocab_sizes[i]`` (256 means plain bytes: 1.0). ``reference`` is an optional
    ``(label, vocab_size, bytes_per_token)`` point, e.g. GPT-2 on the same text; ``label`` names
    the curve (add more curves with ``fig.axes[0].plot``). Returns the figure.

    Book: BPE-from-scratch bonus; notebook: ch02_tokenizing/bpe_from_scratch.ipynb
    """
    plt = pyplot()
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
    return finish_figure(fig, path)


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

    plt = pyplot()
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
    return finish_figure(fig, path)


def plot_attention_heads(weights, tokens=None, title=None, path=None):
    """One heatmap per head for weights of shape ``(num_heads, num_tokens, num_tokens)``.

    Use ``llmscratch.get_attention_weights(mha, x)[0]`` for the first sequence of a batch.
    Returns the figure.

    Book: §3.6; notebook: ch03_attention/ch03.ipynb
    """
    plt = pyplot()
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
    return finish_figure(fig, path)


def plot_attention_timings(timings, baseline=None, title=None, path=None):
    """Horizontal bars of seconds per call, one bar per implementation, labelled with the ratio.

    ``timings`` maps a name to seconds, e.g. ``{"book MHA": 0.012, "SDPA": 0.007}``; ratios are
    relative to ``baseline`` (default: the first entry). Returns the figure.

    Notebook: ch03_attention/efficient_attention.ipynb
    """
    plt = pyplot()
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
    return finish_figure(fig, path)


# --- ch04: GPT model ----------------------------------------------------------------------------


def plot_gelu_relu(x=None, path=None):
    """GELU next to ReLU on ``x`` (default: 200 points from -3 to 3), one panel each.

    GELU is smooth and dips slightly below zero (its minimum is about -0.17 near x = -0.75);
    ReLU is zero for every negative input and has a kink at 0. Returns the figure.

    Book: §4.3 (figure 4.8); notebook: ch04_gpt_model/ch04.ipynb
    """
    import torch

    from llmscratch.model import GELU

    plt = pyplot()
    x = torch.linspace(-3, 3, 200) if x is None else torch.as_tensor(x, dtype=torch.float32)
    fig, axes = plt.subplots(1, 2, figsize=(8, 3), sharey=True)
    for ax, (label, fn) in zip(axes, [("GELU", GELU()), ("ReLU", torch.nn.ReLU())]):
        ax.plot(x.numpy(), fn(x).numpy())
        ax.axhline(0, color="grey", lw=0.5)
        ax.set_title(f"{label} activation function")
        ax.set_xlabel("x")
        ax.grid(True)
    axes[0].set_ylabel("f(x)")
    return finish_figure(fig, path)


def plot_gradient_magnitudes(grads_by_label, path=None):
    """Mean absolute gradient per layer, one line per model variant, on a log scale.

    ``grads_by_label`` maps a label to ``{layer name: mean |grad|}``, e.g.
    ``{"without shortcuts": {"layers.0.0.weight": 2e-4, ...}, "with shortcuts": {...}}``.
    Without shortcuts the early layers' gradients shrink towards zero (vanishing gradients);
    with them they stay within an order of magnitude. Returns the figure.

    Book: §4.4; notebook: ch04_gpt_model/ch04.ipynb
    """
    plt = pyplot()
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
    return finish_figure(fig, path)


def plot_time_per_token(times_by_label, path=None):
    """Seconds per generated token against the token's position, one line per method.

    ``times_by_label`` maps a label to a list of seconds, one per generation step, e.g.
    ``{"plain": [...], "KV cache": [...]}``. Plain generation re-reads the whole sequence every
    step, so its line climbs with the position; with a cache it stays roughly flat. Returns the
    figure.

    Book: chapter 4 KV-cache bonus; notebook: ch04_gpt_model/kv_cache.ipynb
    """
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6, 3.2))
    for label, times in times_by_label.items():
        ax.plot(range(1, len(times) + 1), [t * 1e3 for t in times], label=label)
    ax.set_xlabel("generation step (tokens generated so far)")
    ax.set_ylabel("milliseconds per token")
    ax.set_ylim(bottom=0)
    ax.legend()
    return finish_figure(fig, path)
