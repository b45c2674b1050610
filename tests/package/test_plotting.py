"""The lesson diagrams (llmscratch.plotting_diagrams and plotting_lessons) draw what they claim.

Each function is called with small real inputs; the checks read back what was drawn (bar
heights, image data, text) and compare it with values computed here independently, so a diagram
that shows the wrong thing fails. Kept mutants: a causal mask on the wrong side of the diagonal,
a temperature applied as a product, and top-k keeping k + 1 entries each fail these checks.
"""

from __future__ import annotations

import pytest
import torch

from llmscratch import GPT_CONFIG_124M, GPTModel
from llmscratch import plotting_diagrams as pd
from llmscratch import plotting_lessons as pl

TINY = {**GPT_CONFIG_124M, "vocab_size": 100, "context_length": 8, "emb_dim": 16, "n_heads": 2,
        "n_layers": 2}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def _texts(fig):
    return " ".join(t.get_text() for ax in fig.axes for t in ax.texts + [ax.title])


def _heights(ax):
    return [p.get_height() for p in ax.patches]


def test_flow_diagrams_render_their_values_and_save(tmp_path):
    # Invariant: each diagram names the values it was given, and is written when path is set.
    fig = pd.plot_tokenization_pipeline("Hello, world", ["Hello", ",", " world"], [15496, 11, 995],
                                        256, path=tmp_path / "pipeline.png")
    assert "15496, 11, 995" in _texts(fig) and "(3, 256)" in _texts(fig)
    assert (tmp_path / "pipeline.png").stat().st_size > 0
    fig = pd.plot_input_target_shift(["In", " the", " heart", " of"])
    assert _texts(fig).count("heart") == 2  # once as input, once as the previous target
    fig = pd.plot_gpt_architecture(GPT_CONFIG_124M, num_tokens=4)
    assert "(1, 4, 50257)" in _texts(fig) and "12 x transformer block" in _texts(fig)
    fig = pd.plot_transformer_block(GPT_CONFIG_124M, num_tokens=4)
    assert "(1, 4, 768)" in _texts(fig) and "768 -> 3072" in _texts(fig)
    assert [t.get_text() for t in fig.axes[0].texts].count("shortcut") == 2
    fig = pd.plot_rnn_vs_attention(["Can", "you", "help"], weights=[0.2, 0.3, 0.5])
    assert "only h3" in _texts(fig)
    fig = pl.plot_classification_head(["Do", " you", " have"], emb_dim=768)
    assert "Linear(768, 2)" in _texts(fig)
    fig = pl.plot_prompt_format({"instruction": "Add 2 and 3.", "input": "", "output": "5"})
    assert "### Response:\n5" in _texts(fig) and "### Input" not in _texts(fig)
    for fn in (pl.plot_training_loop, pl.plot_finetuning_kinds, pl.plot_autograd_graph):
        assert fn(path=tmp_path / f"{fn.__name__}.png").axes
    fig = pl.plot_dataloader_batches([[[2, 0], [1, 3]], [[3, 1], [0, 2]]])
    assert sorted(t.get_text() for t in fig.axes[0].texts if t.get_text().isdigit()) == \
        ["0", "0", "1", "1", "2", "2", "3", "3"]


def test_embedding_sum_panels_add_up():
    torch.manual_seed(0)
    tok, pos = torch.randn(4, 6), torch.randn(4, 6)
    fig = pd.plot_embedding_sum(tok, pos)
    images = [ax.images[0].get_array() for ax in fig.axes if ax.images]
    # Invariant: the third panel is exactly the sum of the first two.
    assert torch.allclose(torch.tensor(images[2], dtype=torch.float32), tok + pos)
    with pytest.raises(ValueError, match="shapes differ"):
        pd.plot_embedding_sum(tok, pos[:3])


def _causal_weights(fig):
    return torch.tensor(fig.axes[2].images[0].get_array(), dtype=torch.float32)


def test_causal_mask_steps_hide_the_future_and_rows_sum_to_one():
    torch.manual_seed(1)
    scores = torch.randn(5, 5)
    weights = _causal_weights(pd.plot_causal_mask_steps(scores, tokens=list("abcde")))
    # Invariants: nothing above the diagonal, each row a distribution, equal to a reference.
    assert torch.all(torch.triu(weights, diagonal=1) == 0)
    assert torch.allclose(weights.sum(-1), torch.ones(5), atol=1e-6)
    reference = torch.softmax(scores.masked_fill(torch.ones(5, 5).triu(1).bool(), -torch.inf), -1)
    assert torch.allclose(weights, reference, atol=1e-6)
    # Kept mutant: a mask on the wrong side of the diagonal is caught by the same check.
    wrong = torch.softmax(scores.masked_fill(torch.ones(5, 5).tril(-1).bool(), -torch.inf), -1)
    assert not torch.all(torch.triu(wrong, diagonal=1) == 0)


def test_head_split_colours_each_head_and_refuses_uneven_splits():
    fig = pd.plot_head_split(num_tokens=3, d_out=6, num_heads=2)
    # Invariant: 3x6 cells before and 2 heads x 3x3 cells after the split.
    assert len(fig.axes[0].patches) == 3 * 6 * 2
    assert "head_dim=3" in _texts(fig)
    with pytest.raises(ValueError, match="not divisible"):
        pd.plot_head_split(3, 7, 2)


def test_parameter_breakdown_adds_up_to_the_model():
    model = GPTModel(TINY)
    fig = pd.plot_parameter_breakdown(model)
    widths = [p.get_width() for p in fig.axes[0].patches]
    total = sum(p.numel() for p in model.parameters())
    # Invariant: the groups partition the parameters.
    assert abs(sum(widths) * 1e6 - total) < 1
    assert f"{total:,}" in _texts(fig)


def test_temperature_bars_are_the_scaled_softmax():
    words = ["a", "b", "c", "d"]
    logits = torch.tensor([2.0, 1.0, 0.5, -1.0])
    fig = pl.plot_temperature_scaling(words, logits, temperatures=(1, 0.5, 3))
    heights = torch.tensor(_heights(fig.axes[0]), dtype=torch.float32).view(3, 4)
    for row, temperature in zip(heights, (1, 0.5, 3)):
        expected = torch.softmax(logits / temperature, 0)
        assert torch.allclose(row, expected, atol=1e-6), temperature
        # Kept mutant: multiplying by the temperature draws other bars.
        if temperature != 1:
            assert not torch.allclose(row, torch.softmax(logits * temperature, 0), atol=1e-3)


def test_top_k_keeps_exactly_k():
    words = list("abcdef")
    logits = torch.tensor([0.1, 3.0, -1.0, 2.0, 0.5, 1.5])
    fig = pl.plot_top_k(words, logits, k=3)
    probas = torch.tensor(_heights(fig.axes[1]), dtype=torch.float32)
    # Invariant: k nonzero probabilities, on the k largest logits, summing to one.
    assert (probas > 0).sum() == 3 and set(torch.nonzero(probas).flatten().tolist()) == {1, 3, 5}
    assert abs(probas.sum().item() - 1) < 1e-6


def test_padding_counts_real_tokens():
    fig = pl.plot_padding([3, 5, 2], max_length=5)
    assert "67%" in fig.axes[0].get_title()  # 10 of 15 positions
    with pytest.raises(ValueError, match="more than max_length"):
        pl.plot_padding([3, 9], max_length=5)
    fig = pl.plot_record_lengths([10, 20, 30, 200], allowed_max_length=128)
    assert "allowed_max_length = 128" in fig.axes[0].get_legend().get_texts()[0].get_text()
