"""Plots for the chapter-4 and chapter-5 bonus material: KV-cache memory and architectures.

Book: the chapter-4 bonus sections on GQA, MLA and SWA (their memory plots) and the chapter-5
bonus that turns GPT into Llama and Qwen3; notebooks: ``ch04_gpt_model/attention_variants.ipynb``
and ``ch05_pretraining/gpt_to_llama.ipynb``.

Inside:

- ``plot_kv_cache_memory(settings, context_lengths)``: KV-cache bytes against context length,
  one line per attention variant (numbers from ``llmscratch.kv_memory``);
- ``plot_architecture_comparison(rows)``: GPT-2, Llama 3 and Qwen3 side by side, as a table
  figure of what each uses for normalisation, positions, attention and feed-forward.

matplotlib is imported inside each function, so importing this module stays light. Every
function returns the ``Figure`` and saves it when given ``path``.
"""

from __future__ import annotations


def _figure(figsize):
    """A new figure with one axes; matplotlib is imported only here, on first use."""
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=figsize)


def plot_kv_cache_memory(settings, context_lengths, batch_size=1, path=None, title=None):
    """Plot KV-cache size (GiB, log scale) against context length for several settings.

    ``settings``: ``{label: kwargs}``, where ``kwargs`` are those of
    ``estimate_kv_cache_bytes`` (``kind``, ``n_layers``, ``n_heads``, ``head_dim``, ...).
    Example: ``{"MHA": dict(kind="mha", n_layers=16, n_heads=32, head_dim=64), "GQA (8 K/V
    heads)": dict(kind="gqa", n_layers=16, n_heads=32, head_dim=64, n_kv_groups=8)}`` over
    ``[1024, 8192, 131072]`` draws two lines, the GQA one a quarter of the MHA one. Returns
    ``(fig, {label: [bytes, ...]})`` so the numbers can be printed beside the plot.

    Book: chapter 4 bonus (GQA, MLA, SWA); notebook: ch04_gpt_model/attention_variants.ipynb
    """
    from llmscratch.kv_memory import estimate_kv_cache_bytes

    fig, ax = _figure((7, 4.2))
    values = {}
    for label, kwargs in settings.items():
        kwargs = dict(kwargs)
        kind = kwargs.pop("kind")
        values[label] = [estimate_kv_cache_bytes(kind, n, batch_size=batch_size, **kwargs)
                         for n in context_lengths]
        ax.plot(context_lengths, [b / 2**30 for b in values[label]], marker="o", label=label)
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("context length (tokens)")
    ax.set_ylabel("KV cache (GiB)")
    ax.set_title(title or "KV-cache memory by attention variant")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=120)
    return fig, values


ARCHITECTURE_ROWS = {
    "GPT-2": ["LayerNorm (scale, shift)", "learned absolute", "multi-head",
              "GELU, 4x, biases", "tied head", "dropout 0.1"],
    "Llama 3.2": ["RMSNorm", "RoPE, Llama 3 scaling", "grouped-query (8 K/V heads)",
                  "SwiGLU, no biases", "tied head (1B, 3B)", "no dropout"],
    "Qwen3": ["RMSNorm (+ QK-norm)", "RoPE, base 1,000,000", "grouped-query + QK-norm",
              "SwiGLU or mixture of experts", "tied head (0.6B, 1.7B)", "no dropout"],
}
ARCHITECTURE_ASPECTS = ["normalisation", "positions", "attention", "feed-forward", "output head",
                        "regularisation"]


def plot_architecture_comparison(rows=None, aspects=None, path=None):
    """Draw GPT-2, Llama 3.2 and Qwen3 side by side as a table figure; cells that differ from
    the first column are highlighted. ``rows``: ``{model: [one entry per aspect]}`` (default
    ``ARCHITECTURE_ROWS``).

    Book: chapter 5 bonus (GPT to Llama to Qwen3); notebook: ch05_pretraining/gpt_to_llama.ipynb
    """
    rows = ARCHITECTURE_ROWS if rows is None else rows
    aspects = ARCHITECTURE_ASPECTS if aspects is None else aspects
    models = list(rows)
    fig, ax = _figure((2.6 * (len(models) + 1), 0.45 * (len(aspects) + 1) + 0.6))
    ax.axis("off")
    cells = [[rows[m][i] for m in models] for i in range(len(aspects))]
    colours = [["#ffffff"] + ["#fde8c8" if c != row[0] else "#ffffff" for c in row[1:]]
               for row in cells]
    table = ax.table(cellText=cells, rowLabels=aspects, colLabels=models, cellColours=colours,
                     loc="center", cellLoc="center")
    table.auto_set_font_size(False)
    table.set_fontsize(8)
    table.scale(1, 1.4)
    ax.set_title("From GPT-2 to Llama 3.2 and Qwen3 (changes shaded)")
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=120)
    return fig
