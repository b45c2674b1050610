"""Plots for chapters 5-7 and appendix A: training curves, scores, and their diagrams.

Loss and accuracy curves (ch05, ch06), the instruction collate masking, DPO rewards and judge
scores (ch07), and the appendix-A toy run and DDP gradient averaging. Chapters 2-4 are in
``llmscratch.plotting``, whose conventions these follow: matplotlib is imported inside each
function, each function returns its figure and saves it when given ``path``.

Sections are grouped by chapter, in book order.
"""

from __future__ import annotations

from llmscratch.plotting import finish_figure, pyplot

# --- ch05: pretraining --------------------------------------------------------------------------


def plot_losses(epochs_seen, tokens_seen, train_losses, val_losses, ax=None, path=None):
    """Training and validation loss against epochs, with a second x-axis of tokens seen.

    The four arguments are equally long sequences, one entry per evaluation (``epochs_seen`` is
    usually ``torch.linspace(0, num_epochs, len(train_losses))``). Draws on ``ax`` when given,
    saves to ``path`` when given, and returns the figure.

    Book: §5.2; notebook: ch05_pretraining/ch05.ipynb
    """
    from matplotlib.ticker import MaxNLocator

    plt = pyplot()
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
    return finish_figure(fig, path)


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
    plt = pyplot()
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
    return finish_figure(fig, path)


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

    plt = pyplot()
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
    return finish_figure(fig, path)


def plot_dpo_rewards(tracking, path=None):
    """DPO training curves from ``train_model_dpo_simple``'s dict: loss and reward margin.

    Left: training and validation DPO loss (it starts at ln 2 = 0.693). Right: the reward
    margin, chosen minus rejected reward, which grows as the policy learns the preferences.
    The x-axis is the number of tokens seen. Returns the figure.

    Book: chapter 7 bonus (DPO), section 5; notebook: ch07_instruction/dpo.ipynb
    """
    plt = pyplot()
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
    return finish_figure(fig, path)


def plot_scores(scores_by_label, ax=None, path=None, bins=10):
    """Histograms of 0-100 scores (judge scores or ROUGE-L x 100), one per label, with means.

    ``scores_by_label``: ``{"ROUGE-L": [...], "Llama 3 judge": [...]}``. Returns the figure.

    Notebook: ch07_instruction/ch07.ipynb
    """
    plt = pyplot()
    fig = ax.figure if ax is not None else plt.figure(figsize=(5, 3))
    ax = ax if ax is not None else fig.add_subplot(1, 1, 1)
    for label, scores in scores_by_label.items():
        scores = [float(s) for s in scores]
        mean = sum(scores) / len(scores) if scores else float("nan")
        ax.hist(scores, bins=bins, range=(0, 100), alpha=0.6, label=f"{label} (mean {mean:.1f})")
    ax.set_xlabel("score (0-100)")
    ax.set_ylabel("responses")
    ax.legend(fontsize=8)
    return finish_figure(fig, path)


# --- appendix A: PyTorch --------------------------------------------------------------------------


def plot_toy_losses(losses, ax=None, path=None):
    """Plot the loss of every training batch (x: step, y: cross-entropy loss).

    ``losses`` is the list that ``train_toy_model`` returns. Returns the figure.

    Book: §A.7; notebook: appendix_a_pytorch/part1_tensors_autograd.ipynb
    """
    plt = pyplot()
    fig, ax = (ax.figure, ax) if ax is not None else plt.subplots(figsize=(5, 3))
    steps = range(1, len(losses) + 1)
    ax.plot(steps, list(losses), marker="o")
    ax.set_xlabel("training step (one batch)")
    ax.set_ylabel("cross-entropy loss")
    ax.set_title("Training loss on the toy data")
    return finish_figure(fig, path)


def plot_toy_decision_boundary(model, X, y, ax=None, path=None, resolution=200):
    """Colour the plane by the class ``model`` predicts there and draw the points ``(X, y)``.

    ``X`` has shape (num_examples, 2) and ``y`` shape (num_examples,); the model maps
    (n, 2) -> (n, num_classes) logits. The grid covers the points with a margin of 1.

    Book: §A.7; notebook: appendix_a_pytorch/part1_tensors_autograd.ipynb
    """
    import torch

    plt = pyplot()
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
    return finish_figure(fig, path)


def plot_ddp_gradient_averaging(world_size=2, ax=None, path=None):
    """Draw what one DistributedDataParallel step does with ``world_size`` processes.

    Each rank gets a different mini-batch, computes its own gradient on its own copy of the
    model, the gradients are averaged across ranks (all-reduce), and every rank applies the same
    averaged gradient, so all copies stay identical. Returns the figure.

    Book: §A.9.2; notebook: appendix_a_pytorch/part2_devices_and_ddp.ipynb
    """
    plt = pyplot()
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
    return finish_figure(fig, path)
