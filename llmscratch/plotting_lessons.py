"""Diagrams for chapters 5-7 and appendix A: the training loop, sampling, finetuning, autograd.

Like ``plotting_diagrams`` (whose box-and-arrow helpers these reuse), each function draws one idea
of a chapter from the values the notebook has, returns the figure, and saves it when given
``path``; matplotlib is imported inside the functions only.

Book: figures of §5.2-5.3, §6.1-6.5, §7.1-7.3 and appendix A; notebooks: ch05.ipynb, ch06.ipynb,
ch07.ipynb, appendix_a_pytorch/part1_tensors_autograd.ipynb
"""

from __future__ import annotations

from llmscratch.plotting import finish_figure, pyplot
from llmscratch.plotting_diagrams import COLORS, COLORS_LIGHT, blank_axes, draw_arrow, draw_box

# --- ch05 ----------------------------------------------------------------------------------------


def plot_training_loop(path=None):
    """The loop of §5.2 as a cycle: batch, forward, loss, backward, optimizer step, evaluate.

    Book: §5.2 (figure 5.11); notebook: ch05_pretraining/ch05.ipynb
    """
    steps = ["next batch\n(input, target)", "optimizer.zero_grad()", "forward: logits",
             "cross-entropy loss", "loss.backward():\ngradients",
             "optimizer.step():\nupdate weights"]
    import math

    fig, ax = blank_axes((8, 6))
    n = len(steps)
    points = [(3.5 * math.cos(math.pi / 2 - 2 * math.pi * k / n),
               2.2 * math.sin(math.pi / 2 - 2 * math.pi * k / n)) for k in range(n)]
    for k, ((x, y), text) in enumerate(zip(points, steps)):
        draw_box(ax, x - 1.1, y - 0.35, 2.2, 0.7, text, color=COLORS_LIGHT[k % len(COLORS_LIGHT)])
    for k in range(n):
        (x0, y0), (x1, y1) = points[k], points[(k + 1) % n]
        draw_arrow(ax, (x0 + 0.45 * (x1 - x0), y0 + 0.45 * (y1 - y0)),
                   (x0 + 0.55 * (x1 - x0), y0 + 0.55 * (y1 - y0)))
    ax.text(0, 0.2, "every eval_freq steps:\nevaluate train and val loss\n(model.eval(), no_grad)",
            ha="center", va="center", fontsize=9)
    ax.text(0, -0.8, "after each epoch: print a sample", ha="center", fontsize=9)
    ax.set_xlim(-5, 5)
    ax.set_ylim(-3, 3)
    ax.set_title("One training step, repeated for every batch of every epoch")
    return finish_figure(fig, path)


def plot_temperature_scaling(words, logits, temperatures=(1, 0.1, 5), path=None):
    """The next-token distribution softmax(logits / T) for several temperatures T.

    ``words``: the vocabulary, ``logits``: a 1-D tensor of the same length. Below 1 the
    distribution sharpens towards greedy decoding; above 1 it flattens. Book: §5.3.1 (figure
    5.14); notebook: ch05_pretraining/ch05.ipynb
    """
    import torch

    if len(words) != len(logits):
        raise ValueError(f"{len(words)} words but {len(logits)} logits")
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(9, 3.5))
    width = 0.8 / len(temperatures)
    for k, temperature in enumerate(temperatures):
        probas = torch.softmax(logits.detach().float() / temperature, dim=0)
        ax.bar([i + k * width for i in range(len(words))], probas.tolist(), width,
               label=f"temperature {temperature}", color=COLORS[k % len(COLORS)])
    ax.set_xticks([i + width * (len(temperatures) - 1) / 2 for i in range(len(words))], words,
                  rotation=45)
    ax.set_ylabel("probability")
    ax.legend()
    return finish_figure(fig, path)


def plot_top_k(words, logits, k, path=None):
    """Top-k filtering: the ``k`` largest logits keep their scores, the rest become -inf.

    Left: the logits with the kept ones coloured; right: the softmax over what is left (the
    others get probability 0). Book: §5.3.2 (figure 5.15); notebook: ch05.ipynb
    """
    import torch

    logits = logits.detach().float()
    top_values, _ = torch.topk(logits, k)
    keep = logits >= top_values[-1]
    probas = torch.softmax(logits.masked_fill(~keep, float("-inf")), dim=0)
    plt = pyplot()
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.5))
    colors = [COLORS[0] if kept else "#BBBBBB" for kept in keep.tolist()]
    axes[0].bar(range(len(words)), logits.tolist(), color=colors)
    axes[0].set_title(f"logits: the top {k} are kept")
    axes[1].bar(range(len(words)), probas.tolist(), color=colors)
    axes[1].set_title("softmax after setting the others to -inf")
    for ax in axes:
        ax.set_xticks(range(len(words)), words, rotation=45)
    return finish_figure(fig, path)


# --- ch06 ----------------------------------------------------------------------------------------


def plot_finetuning_kinds(path=None):
    """Classification finetuning (a fixed set of labels) beside instruction finetuning (text).

    Book: §6.1 (figures 6.1-6.2); notebook: ch06_classification/ch06.ipynb
    """
    fig, ax = blank_axes((11, 3.5))
    rows = [("classification", "'You won a prize! Call now'", "GPT + 2-way head", "spam"),
            ("instruction", "'Translate to German: thank you'", "GPT (whole vocabulary)",
             "'Danke'  (free text)")]
    for r, (kind, given, model, answer) in enumerate(rows):
        y = 1.8 - r * 1.6
        ax.text(-0.2, y + 0.3, kind, ha="right", va="center", fontsize=11)
        draw_box(ax, 0, y, 3.2, 0.6, given, color=COLORS_LIGHT[0])
        draw_box(ax, 4.0, y, 2.8, 0.6, model, color=COLORS_LIGHT[2])
        draw_box(ax, 7.6, y, 2.8, 0.6, answer, color=COLORS_LIGHT[1])
        draw_arrow(ax, (3.2, y + 0.3), (4.0, y + 0.3))
        draw_arrow(ax, (6.8, y + 0.3), (7.6, y + 0.3))
    ax.set_xlim(-2.2, 10.6)
    ax.set_ylim(-0.1, 2.7)
    ax.set_title("Two kinds of finetuning: pick a label, or write an answer")
    return finish_figure(fig, path)


def plot_classification_head(tokens, emb_dim, num_classes=2, class_names=("not spam", "spam"),
                             path=None):
    """The model returns one row per token; the classifier reads only the last token's row.

    ``tokens``: the token strings of a message; ``emb_dim``: the width the new head reads.
    Book: §6.5 (figures 6.10-6.11); notebook: ch06_classification/ch06.ipynb
    """
    n = len(tokens)
    fig, ax = blank_axes((max(8, 1.5 * n + 4), 4.5))
    for k, tok in enumerate(tokens):
        last = k == n - 1
        draw_box(ax, k * 1.5, 0, 1.3, 0.5, repr(tok)[1:-1], color=COLORS_LIGHT[0])
        draw_box(ax, k * 1.5, 2.0, 1.3, 0.5, f"row {k}", color=COLORS_LIGHT[3 if last else 5],
                 edge="#C44E52" if last else "#999999")
        draw_arrow(ax, (k * 1.5 + 0.65, 0.5), (k * 1.5 + 0.65, 2.0))
    ax.text((n * 1.5) / 2, 1.15, "GPT blocks (causal: row k has seen tokens 0..k)", ha="center",
            fontsize=9, bbox={"facecolor": COLORS_LIGHT[2], "edgecolor": "#333333"})
    x = (n - 1) * 1.5
    draw_box(ax, x - 0.6, 3.3, 2.5, 0.6, f"Linear({emb_dim}, {num_classes})",
             color=COLORS_LIGHT[1])
    draw_arrow(ax, (x + 0.65, 2.5), (x + 0.65, 3.3), text="[:, -1, :]")
    ax.text(x + 2.1, 3.6, " -> " + " / ".join(class_names[:num_classes]), va="center",
            fontsize=10)
    ax.set_xlim(-0.3, n * 1.5 + 3.5)
    ax.set_ylim(-0.2, 4.2)
    ax.set_title("Only the last token has seen the whole message, so the head reads its row")
    return finish_figure(fig, path)


def plot_padding(lengths, max_length, path=None):
    """Real tokens against padding when every message is padded to ``max_length``.

    ``lengths``: tokens per message. The title gives the share of real tokens.
    Book: §6.3 (figure 6.6); notebook: ch06_classification/ch06.ipynb
    """
    lengths = sorted(int(n) for n in lengths)
    if max(lengths) > max_length:
        raise ValueError(f"a message has {max(lengths)} tokens, more than max_length {max_length}")
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(9, 3.5))
    xs = range(len(lengths))
    ax.bar(xs, lengths, width=1.0, color=COLORS[0], label="message tokens")
    ax.bar(xs, [max_length - n for n in lengths], width=1.0, bottom=lengths, color="#DDDDDD",
           label="padding (<|endoftext|>)")
    share = sum(lengths) / (len(lengths) * max_length)
    ax.set_title(f"{share:.0%} of the positions hold real tokens")
    ax.set_xlabel("messages, sorted by length")
    ax.set_ylabel("positions")
    ax.legend(loc="upper left")
    return finish_figure(fig, path)


# --- ch07 ----------------------------------------------------------------------------------------


def plot_prompt_format(entry, path=None):
    """An instruction record in the Alpaca prompt format, each part in its own colour.

    ``entry``: a dict with ``instruction``, ``input`` (may be empty) and ``output``.
    Book: §7.2 (figure 7.4); notebook: ch07_instruction/ch07.ipynb
    """
    import textwrap

    parts = [("fixed preamble", "Below is an instruction that describes a task. Write a response "
              "that appropriately completes the request.")]
    parts.append(("instruction", "### Instruction:\n" + entry["instruction"]))
    if entry.get("input"):
        parts.append(("input (optional)", "### Input:\n" + entry["input"]))
    parts.append(("response: what the model learns to write", "### Response:\n" + entry["output"]))
    fig, ax = blank_axes((9, 1.3 * len(parts) + 0.5))
    y = 0.0
    for k, (label, text) in reversed(list(enumerate(parts))):
        wrapped = "\n".join(textwrap.fill(line, 80) for line in text.split("\n"))
        height = 0.35 + 0.25 * wrapped.count("\n")
        draw_box(ax, 0, y, 7, height, wrapped, color=COLORS_LIGHT[k], fontsize=8)
        ax.text(7.2, y + height / 2, label, va="center", fontsize=9)
        y += height + 0.2
    ax.set_xlim(-0.1, 10)
    ax.set_ylim(-0.1, y)
    ax.set_title("One training example as the model sees it (Alpaca style)")
    return finish_figure(fig, path)


def plot_record_lengths(lengths, allowed_max_length=None, path=None):
    """A histogram of tokens per formatted record, with the cut-off line when one is set.

    Book: §7.3; notebook: ch07_instruction/ch07.ipynb
    """
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(8, 3.2))
    ax.hist(list(lengths), bins=30, color=COLORS[2])
    if allowed_max_length is not None:
        ax.axvline(allowed_max_length, color=COLORS[3], linestyle="--",
                   label=f"allowed_max_length = {allowed_max_length}")
        ax.legend()
    ax.set_xlabel("tokens per record (prompt and response)")
    ax.set_ylabel("records")
    return finish_figure(fig, path)


# --- appendix A ----------------------------------------------------------------------------------


def plot_autograd_graph(path=None):
    """The computation graph of appendix A's one-weight logistic regression, forward and back.

    z = x * w1 + b, a = sigmoid(z), loss = binary_cross_entropy(a, y); dashed arrows are the
    gradients ``loss.backward()`` sends back to ``w1`` and ``b``. Book: §A.3-A.4 (figures A.7-A.8);
    notebook: appendix_a_pytorch/part1_tensors_autograd.ipynb
    """
    fig, ax = blank_axes((10, 3.6))
    nodes = {"x": (0, 2.2), "w1": (0, 1.1), "b": (0, 0.0), "z = x*w1 + b": (2.6, 1.1),
             "a = sigmoid(z)": (5.2, 1.1), "y": (5.2, 2.4), "loss = BCE(a, y)": (7.8, 1.1)}
    for name, (x, y) in nodes.items():
        leaf = name in ("w1", "b")
        draw_box(ax, x, y, 1.9, 0.6, name + ("\nrequires_grad" if leaf else ""),
                 color=COLORS_LIGHT[1] if leaf else COLORS_LIGHT[0], fontsize=9)
    for src, dst in [("x", "z = x*w1 + b"), ("w1", "z = x*w1 + b"), ("b", "z = x*w1 + b"),
                     ("z = x*w1 + b", "a = sigmoid(z)"), ("a = sigmoid(z)", "loss = BCE(a, y)"),
                     ("y", "loss = BCE(a, y)")]:
        (x0, y0), (x1, y1) = nodes[src], nodes[dst]
        draw_arrow(ax, (x0 + 1.9, y0 + 0.3), (x1, y1 + 0.3))
    for dst in ("w1", "b"):
        x1, y1 = nodes[dst]
        draw_arrow(ax, (2.6, 1.25), (x1 + 1.9, y1 + 0.2), color=COLORS[3], linestyle="--")
    ax.text(5.0, -0.3, "dashed: gradients from loss.backward() (chain rule, right to left)",
            ha="center", fontsize=9, color=COLORS[3])
    ax.set_xlim(-0.2, 9.9)
    ax.set_ylim(-0.5, 3.2)
    ax.set_title("Autograd records the forward pass as a graph and walks it backwards")
    return finish_figure(fig, path)


def plot_dataloader_batches(batches_by_epoch, path=None):
    """Which example indices land in which batch, one row per epoch.

    ``batches_by_epoch``: a list (epochs) of lists (batches) of example indices, as a
    ``DataLoader`` yields them; a dropped last batch simply does not appear. Book: §A.6
    (figure A.10); notebook: appendix_a_pytorch/part1_tensors_autograd.ipynb
    """
    fig, ax = blank_axes((9, 1.0 + 0.8 * len(batches_by_epoch)))
    width = 0
    for e, batches in enumerate(batches_by_epoch):
        y = (len(batches_by_epoch) - 1 - e) * 0.8
        x = 0.0
        ax.text(-0.2, y + 0.25, f"epoch {e + 1}", ha="right", va="center")
        for b, batch in enumerate(batches):
            for index in batch:
                draw_box(ax, x, y, 0.5, 0.5, str(int(index)), color=COLORS_LIGHT[b % 6])
                x += 0.55
            x += 0.35
        width = max(width, x)
    ax.set_xlim(-1.5, width)
    ax.set_ylim(-0.2, 0.8 * len(batches_by_epoch))
    ax.set_title("Shuffled batches: a new order every epoch (colours: batches)")
    return finish_figure(fig, path)
