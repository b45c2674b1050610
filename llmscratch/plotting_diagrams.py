"""Diagrams for chapters 2-4: the tokenization pipeline, attention's steps, the GPT's shapes.

Each function draws one picture of a chapter's idea from the values the notebook has at hand
(real tokens, real attention scores, a real config), returns the figure and saves it when given
``path``. matplotlib is imported inside the functions only (through ``plotting.pyplot``).
``plotting_lessons`` has the diagrams of chapters 5-7 and appendix A.

Book: figures of §2.1-2.8, §3.1-3.6 and §4.1-4.6; notebooks: ch02_tokenizing/ch02.ipynb,
ch03_attention/ch03.ipynb, ch04_gpt_model/ch04.ipynb
"""

from __future__ import annotations

from llmscratch.plotting import finish_figure, pyplot

COLORS = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3",
          "#8C8C8C", "#CCB974", "#64B5CD"]
COLORS_LIGHT = ["#DCE6F2", "#FBE5D6", "#E2F0D9", "#F4D6D6", "#E4DFEC", "#EDE3DA"]


def draw_box(ax, x, y, w, h, text, color="#DCE6F2", fontsize=9, edge="#333333"):
    """A rounded box with centred text; (x, y) is the lower-left corner in axes data units."""
    from matplotlib.patches import FancyBboxPatch

    ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.02,rounding_size=0.08",
                                facecolor=color, edgecolor=edge, linewidth=1))
    ax.text(x + w / 2, y + h / 2, text, ha="center", va="center", fontsize=fontsize)


def draw_arrow(ax, start, end, text=None, style="-|>", color="#333333", linestyle="-"):
    """An arrow from ``start`` to ``end`` (data units), with an optional label at its middle."""
    ax.annotate("", xy=end, xytext=start,
                arrowprops={"arrowstyle": style, "color": color, "linestyle": linestyle})
    if text:
        ax.text((start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + 0.08, text, ha="center",
                va="bottom", fontsize=8, color=color)


def draw_chain(ax, stages, y=0.0, box_w=2.0, gap=0.7, h=1.0, colors=None):
    """Boxes left to right joined by arrows; ``stages`` are strings. Returns the box centres."""
    centres = []
    for k, text in enumerate(stages):
        x = k * (box_w + gap)
        draw_box(ax, x, y, box_w, h, text, color=(colors or ["#DCE6F2"] * len(stages))[k])
        centres.append((x + box_w / 2, y + h / 2))
        if k:
            draw_arrow(ax, (x - gap, y + h / 2), (x, y + h / 2))
    ax.set_xlim(-0.2, len(stages) * (box_w + gap) - gap + 0.2)
    return centres


def blank_axes(figsize):
    plt = pyplot()
    fig, ax = plt.subplots(figsize=figsize)
    ax.set_axis_off()
    return fig, ax


# --- ch02 ----------------------------------------------------------------------------------------


def plot_tokenization_pipeline(text, pieces, ids, emb_dim, path=None):
    """Text -> tokens -> token ids -> embedding vectors, with the real values of one example.

    ``pieces``: the token strings, ``ids``: their ids (same length), ``emb_dim``: the width of
    each vector. Example: ``plot_tokenization_pipeline("Hello, world", ["Hello", ",", " world"],
    [15496, 11, 995], 256)``. Book: §2.2-2.7 (figure 2.6 and friends); notebook: ch02.ipynb
    """
    if len(pieces) != len(ids):
        raise ValueError(f"{len(pieces)} pieces but {len(ids)} ids")
    shown = min(len(ids), 6)
    more = " ..." if len(ids) > shown else ""
    stages = [
        f"input text\n{text[:28]!r}{'...' if len(text) > 28 else ''}",
        "tokens\n" + " | ".join(repr(p)[1:-1] for p in pieces[:shown]) + more,
        "token ids\n" + ", ".join(str(i) for i in ids[:shown]) + more,
        f"embedding vectors\nshape ({len(ids)}, {emb_dim})",
    ]
    fig, ax = blank_axes((12, 2.2))
    draw_chain(ax, stages, box_w=2.6, gap=0.6, colors=COLORS_LIGHT[:4])
    ax.set_ylim(-0.3, 1.4)
    ax.set_title("From text to the vectors an LLM reads")
    return finish_figure(fig, path)



def plot_input_target_shift(pieces, path=None):
    """The inputs and targets of one window: targets are the inputs moved one token left.

    ``pieces``: ``max_length + 1`` token strings of a window. Each arrow reads "after seeing the
    inputs up to here, predict this target". Book: §2.6 (figure 2.12); notebook: ch02.ipynb
    """
    if len(pieces) < 2:
        raise ValueError("need at least 2 tokens: the inputs and one target")
    inputs, targets = pieces[:-1], pieces[1:]
    fig, ax = blank_axes((1.5 * len(inputs) + 1.5, 2.6))
    for k, (x_tok, y_tok) in enumerate(zip(inputs, targets)):
        draw_box(ax, k * 1.5, 1.4, 1.3, 0.6, repr(x_tok)[1:-1], color=COLORS_LIGHT[0])
        draw_box(ax, k * 1.5, 0.0, 1.3, 0.6, repr(y_tok)[1:-1], color=COLORS_LIGHT[2])
        draw_arrow(ax, (k * 1.5 + 0.65, 1.4), (k * 1.5 + 0.65, 0.6))
    ax.text(-0.2, 1.7, "input x", ha="right", va="center", fontsize=10)
    ax.text(-0.2, 0.3, "target y", ha="right", va="center", fontsize=10)
    ax.set_xlim(-1.5, 1.5 * len(inputs))
    ax.set_ylim(-0.2, 2.3)
    ax.set_title("Targets are the inputs shifted by one token: each position is a training example")
    return finish_figure(fig, path)


def plot_embedding_sum(token_embeddings, pos_embeddings, path=None):
    """Three heatmaps: token embeddings + position embeddings = input embeddings.

    Both arguments are ``(num_tokens, emb_dim)`` tensors of one sequence (for a batch, pass
    ``[0]``). Book: §2.8 (figure 2.19); notebook: ch02.ipynb
    """
    if tuple(token_embeddings.shape) != tuple(pos_embeddings.shape):
        raise ValueError(f"shapes differ: {tuple(token_embeddings.shape)} vs "
                         f"{tuple(pos_embeddings.shape)}")
    plt = pyplot()
    panels = [("token embeddings", token_embeddings), ("position embeddings", pos_embeddings),
              ("input embeddings (sum)", token_embeddings + pos_embeddings)]
    fig, axes = plt.subplots(1, 3, figsize=(12, 3))
    for ax, (title, values) in zip(axes, panels):
        image = ax.imshow(values.detach().float().numpy(), aspect="auto", cmap="coolwarm")
        ax.set_title(title)
        ax.set_xlabel("embedding dimension")
        ax.set_ylabel("position")
        fig.colorbar(image, ax=ax, fraction=0.046)
    return finish_figure(fig, path)


# --- ch03 ----------------------------------------------------------------------------------------


def plot_rnn_vs_attention(tokens, weights=None, path=None):
    """A recurrent encoder squeezes the input into one hidden state; attention reads every token.

    ``tokens``: a few input words; ``weights``: optional attention weights of the last output
    over the inputs (they set the line widths). Book: §3.1-3.2 (figures 3.3-3.5); notebook:
    ch03.ipynb
    """
    n = len(tokens)
    weights = [1 / n] * n if weights is None else [float(w) for w in weights]
    fig, ax = blank_axes((max(8, 1.6 * n), 5))
    for k, tok in enumerate(tokens):  # top: the recurrent encoder
        draw_box(ax, k * 1.6, 3.2, 1.2, 0.5, tok, color=COLORS_LIGHT[0])
        draw_box(ax, k * 1.6, 4.1, 1.2, 0.5, f"h{k + 1}", color=COLORS_LIGHT[4])
        draw_arrow(ax, (k * 1.6 + 0.6, 3.7), (k * 1.6 + 0.6, 4.1))
        if k:
            draw_arrow(ax, (k * 1.6 - 0.4, 4.35), (k * 1.6, 4.35))
    draw_box(ax, n * 1.6, 4.1, 1.6, 0.5, "decoder", color=COLORS_LIGHT[1])
    draw_arrow(ax, (n * 1.6 - 0.4, 4.35), (n * 1.6, 4.35), text=f"only h{n}")
    ax.text(-0.3, 4.35, "RNN", ha="right", va="center", fontsize=11)
    for k, tok in enumerate(tokens):  # bottom: attention
        draw_box(ax, k * 1.6, 0.0, 1.2, 0.5, tok, color=COLORS_LIGHT[0])
        ax.plot([k * 1.6 + 0.6, n * 1.6 + 0.8], [0.5, 1.9], color=COLORS[0],
                linewidth=0.5 + 8 * weights[k] / max(weights))
    draw_box(ax, n * 1.6, 1.9, 1.6, 0.5, "output", color=COLORS_LIGHT[1])
    ax.text(-0.3, 0.25, "attention", ha="right", va="center", fontsize=11)
    ax.set_xlim(-2.0, n * 1.6 + 1.8)
    ax.set_ylim(-0.3, 5.0)
    ax.set_title("A recurrent encoder passes one state along; attention looks at every input")
    return finish_figure(fig, path)


def plot_causal_mask_steps(attn_scores, tokens=None, path=None):
    """Scores -> scores with -inf above the diagonal -> softmax weights (rows sum to 1).

    ``attn_scores``: a ``(num_tokens, num_tokens)`` tensor of raw scores (queries @ keys.T).
    The masked scores are drawn grey; the weights above the diagonal come out exactly 0.
    Book: §3.5.1 (figures 3.19-3.21); notebook: ch03.ipynb
    """
    import numpy as np
    import torch

    num_tokens = attn_scores.shape[0]
    scaled = attn_scores.detach().float()
    mask = torch.triu(torch.ones(num_tokens, num_tokens, dtype=torch.bool), diagonal=1)
    masked = scaled.masked_fill(mask, float("-inf"))
    weights = torch.softmax(masked, dim=-1)
    plt = pyplot()
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    panels = [("1. attention scores", scaled.numpy()),
              ("2. future positions set to -inf", np.ma.masked_invalid(masked.numpy())),
              ("3. softmax: attention weights", weights.numpy())]
    labels = tokens if tokens is not None else [str(i) for i in range(num_tokens)]
    for ax, (title, values) in zip(axes, panels):
        cmap = plt.get_cmap("viridis").with_extremes(bad="#BBBBBB")
        ax.imshow(values, cmap=cmap)
        ax.set_title(title)
        ax.set_xticks(range(num_tokens), labels, rotation=90)
        ax.set_yticks(range(num_tokens), labels)
        ax.set_xlabel("key (attended to)")
    axes[0].set_ylabel("query (attending)")
    for i in range(num_tokens):
        for j in range(num_tokens):
            axes[2].text(j, i, f"{weights[i, j]:.2f}", ha="center", va="center", fontsize=7,
                         color="white" if weights[i, j] < 0.5 else "black")
    return finish_figure(fig, path)


def plot_head_split(num_tokens, d_out, num_heads, path=None):
    """How ``view`` and ``transpose`` split one (num_tokens, d_out) matrix into heads.

    Colour k marks the columns of head k: the ``d_out`` columns of the queries are cut into
    ``num_heads`` blocks of ``head_dim = d_out // num_heads`` columns, one small matrix per head.
    Book: §3.6.2 (figure 3.26); notebook: ch03.ipynb
    """
    if d_out % num_heads:
        raise ValueError(f"d_out {d_out} is not divisible by num_heads {num_heads}")
    from matplotlib.patches import Rectangle

    head_dim = d_out // num_heads
    fig, ax = blank_axes((11, 4))
    cell = 0.35
    for t in range(num_tokens):
        for c in range(d_out):
            ax.add_patch(Rectangle((c * cell, (num_tokens - 1 - t) * cell), cell, cell,
                                   facecolor=COLORS[(c // head_dim) % len(COLORS)],
                                   edgecolor="white"))
    ax.text(d_out * cell / 2, num_tokens * cell + 0.2, f"queries: (num_tokens={num_tokens}, "
            f"d_out={d_out})", ha="center")
    x0 = d_out * cell + 1.6
    draw_arrow(ax, (d_out * cell + 0.2, num_tokens * cell / 2), (x0 - 0.2, num_tokens * cell / 2),
               text=".view(.., num_heads, head_dim)\n.transpose(1, 2)")
    for h in range(num_heads):
        for t in range(num_tokens):
            for c in range(head_dim):
                ax.add_patch(Rectangle((x0 + (h * (head_dim + 1) + c) * cell,
                                        (num_tokens - 1 - t) * cell), cell, cell,
                                       facecolor=COLORS[h % len(COLORS)], edgecolor="white"))
        ax.text(x0 + (h * (head_dim + 1) + head_dim / 2) * cell, -0.3, f"head {h}", ha="center")
    right = x0 + (num_heads * (head_dim + 1)) * cell
    ax.text((x0 + right) / 2, num_tokens * cell + 0.2,
            f"(num_heads={num_heads}, num_tokens={num_tokens}, head_dim={head_dim})", ha="center")
    ax.set_xlim(-0.2, right + 0.2)
    ax.set_ylim(-0.6, num_tokens * cell + 0.6)
    ax.set_aspect("equal")
    return finish_figure(fig, path)


# --- ch04 ----------------------------------------------------------------------------------------


def plot_gpt_architecture(cfg, num_tokens, batch_size=1, path=None):
    """GPTModel from token ids to logits, with the tensor shape after every stage.

    ``cfg``: a GPT config dict (``vocab_size``, ``emb_dim``, ``n_layers``, ``n_heads``, ...);
    the shapes are written for a batch of ``batch_size`` sequences of ``num_tokens`` tokens.
    Example: for GPT_CONFIG_124M and 4 tokens the last box reads ``(1, 4, 50257)``.
    Book: §4.1 and §4.6 (figures 4.3 and 4.15); notebook: ch04.ipynb
    """
    b, t, d = batch_size, num_tokens, cfg["emb_dim"]
    stages = [
        (f"token ids  ({b}, {t})", COLORS_LIGHT[0]),
        (f"token embedding + position embedding  ({b}, {t}, {d})", COLORS_LIGHT[1]),
        ("dropout", COLORS_LIGHT[5]),
        (f"{cfg['n_layers']} x transformer block  ({b}, {t}, {d})\n"
         f"LayerNorm -> masked multi-head attention ({cfg['n_heads']} heads) -> dropout"
         " -> + shortcut\n"
         "LayerNorm -> feed forward (GELU, 4x wider) -> dropout -> + shortcut", COLORS_LIGHT[2]),
        (f"final LayerNorm  ({b}, {t}, {d})", COLORS_LIGHT[4]),
        (f"linear output head  ({b}, {t}, {cfg['vocab_size']}): one score per vocabulary entry",
         COLORS_LIGHT[3]),
    ]
    fig, ax = blank_axes((9, 7))
    y = 0.0
    heights = [0.6, 0.6, 0.5, 1.3, 0.6, 0.6]
    tops = []
    for (text, color), h in zip(reversed(stages), reversed(heights)):
        draw_box(ax, 0, y, 8, h, text, color=color, fontsize=9)
        tops.append((y, h))
        y += h + 0.45
    for (y0, h0), (y1, _) in zip(tops, tops[1:]):
        draw_arrow(ax, (4, y1), (4, y0 + h0))
    ax.set_xlim(-0.2, 8.2)
    ax.set_ylim(-0.2, y)
    ax.set_title("GPTModel, from token ids (top) to logits (bottom), with the tensor shapes")
    return finish_figure(fig, path)


def plot_parameter_breakdown(model, path=None):
    """Where a GPTModel's parameters sit: embeddings, attention, feed forward, norms, head.

    ``model``: a ``GPTModel`` (the names ``tok_emb``, ``pos_emb``, ``trf_blocks``, ``out_head``).
    For the 124M config: feed forward 56.6M, output head 38.6M, token embedding 38.6M,
    attention 28.3M. Book: §4.6; notebook: ch04.ipynb
    """
    groups = {"token embedding": 0, "position embedding": 0, "attention": 0, "feed forward": 0,
              "layer norms": 0, "output head": 0}
    for name, p in model.named_parameters():
        if name.startswith("tok_emb"):
            groups["token embedding"] += p.numel()
        elif name.startswith("pos_emb"):
            groups["position embedding"] += p.numel()
        elif ".att." in name:
            groups["attention"] += p.numel()
        elif ".ff." in name:
            groups["feed forward"] += p.numel()
        elif name.startswith("out_head"):
            groups["output head"] += p.numel()
        else:
            groups["layer norms"] += p.numel()
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(8, 3.5))
    names = list(groups)
    values = [groups[n] / 1e6 for n in names]
    bars = ax.barh(names, values, color=COLORS[:len(names)])
    for bar, value in zip(bars, values):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {value:.2f}M",
                va="center", fontsize=9)
    ax.invert_yaxis()
    ax.set_xlabel("parameters (millions)")
    ax.set_title(f"{sum(groups.values()):,} parameters in all")
    ax.set_xlim(0, max(values) * 1.25)
    return finish_figure(fig, path)


def plot_transformer_block(cfg, num_tokens, batch_size=1, path=None):
    """One transformer block: two pre-norm sub-layers, each inside a shortcut connection.

    The shape stays ``(batch_size, num_tokens, emb_dim)`` throughout; the feed forward widens to
    ``4 * emb_dim`` inside. Book: §4.5 (figure 4.13); notebook: ch04_gpt_model/ch04.ipynb
    """
    b, t, d = batch_size, num_tokens, cfg["emb_dim"]
    stages = [("input", COLORS_LIGHT[0]), ("LayerNorm 1", COLORS_LIGHT[4]),
              (f"masked multi-head attention ({cfg['n_heads']} heads)", COLORS_LIGHT[2]),
              ("dropout", COLORS_LIGHT[5]), ("+", "#FFFFFF"), ("LayerNorm 2", COLORS_LIGHT[4]),
              (f"feed forward: {d} -> {4 * d} -> GELU -> {d}", COLORS_LIGHT[1]),
              ("dropout", COLORS_LIGHT[5]), ("+", "#FFFFFF"), ("output", COLORS_LIGHT[0])]
    fig, ax = blank_axes((8, 8))
    ys = []
    for k, (text, color) in enumerate(stages):
        y = (len(stages) - 1 - k) * 0.8
        ys.append(y)
        label = f"{text}  ({b}, {t}, {d})" if text in ("input", "output") else text
        draw_box(ax, 1.5, y, 5, 0.5, label, color=color)
        if k:
            draw_arrow(ax, (4, ys[k - 1]), (4, y + 0.5))
    for start, end in ((0, 4), (4, 8)):  # the shortcuts: around each sub-layer
        x = 7.2
        ax.plot([6.5, x, x, 6.5], [ys[start] + 0.25, ys[start] + 0.25, ys[end] + 0.25,
                                    ys[end] + 0.25], color=COLORS[3])
        ax.text(x + 0.1, (ys[start] + ys[end]) / 2 + 0.25, "shortcut", color=COLORS[3],
                rotation=90, va="center")
    ax.set_xlim(0, 8.5)
    ax.set_ylim(-0.2, ys[0] + 0.7)
    ax.set_title("A transformer block keeps the shape; shortcuts carry the input around")
    return finish_figure(fig, path)
