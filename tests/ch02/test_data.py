"""Tests for llmscratch.data: the book's sliding-window numbers and the window arithmetic."""

from __future__ import annotations

import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from llmscratch.data import GPTDatasetV1, create_dataloader_v1
from llmscratch.tokenizer import SimpleTokenizerV2, build_vocab, get_gpt2_tokenizer


class CountingTokenizer:
    """Text "0 1 2 ..." -> ids [0, 1, 2, ...]: makes every window's content predictable."""

    def encode(self, text):
        return [int(word) for word in text.split()]


def numbers(n: int) -> str:
    return " ".join(str(i) for i in range(n))


@pytest.fixture(scope="module")
def verdict(data_dir):
    return (data_dir / "the-verdict" / "the-verdict.txt").read_text(encoding="utf-8")


def test_book_numbers(verdict):
    # Invariant: the-verdict is 5,145 GPT-2 tokens (book §2.6).
    assert len(get_gpt2_tokenizer().encode(verdict)) == 5145
    loader = create_dataloader_v1(verdict, batch_size=8, max_length=4, stride=4, shuffle=False)
    inputs, targets = next(iter(loader))
    # Invariant: batches are (batch_size, max_length) of integer ids.
    assert inputs.shape == targets.shape == (8, 4) and inputs.dtype == torch.long
    # Invariant: the first windows printed in the book.
    assert inputs[0].tolist() == [40, 367, 2885, 1464]
    assert inputs[1].tolist() == [1807, 3619, 402, 271]
    # Invariant: targets are the inputs shifted by one id (stride 4 = max_length here).
    assert targets[0].tolist() == [367, 2885, 1464, 1807]
    assert torch.equal(targets[:-1, -1], inputs[1:, 0])
    # Invariant: (5145 - 4) / 4 rounded up = 1,286 windows, 160 full batches of 8.
    assert len(loader.dataset) == 1286 and len(loader) == 160


def test_book_defaults_and_overlap(verdict):
    loader = create_dataloader_v1(verdict, shuffle=False)
    inputs, targets = next(iter(loader))
    # Invariant: defaults are batch_size=4, max_length=256, stride=128.
    assert inputs.shape == (4, 256)
    # Invariant: with stride 128 the second window starts halfway into the first.
    assert torch.equal(inputs[1, :128], inputs[0, 128:])
    assert torch.equal(targets[:, :-1], inputs[:, 1:])
    # Invariant: ceil((5145 - 256) / 128) = 39 windows; drop_last keeps 9 batches of 4.
    assert len(loader.dataset) == 39 and len(loader) == 9


def test_shuffle_is_seeded(verdict):
    batches = []
    for _ in range(2):
        torch.manual_seed(123)
        loader = create_dataloader_v1(verdict, batch_size=2, max_length=8, stride=8)
        batches.append(next(iter(loader))[0])
    # Invariant: the same seed gives the same shuffled batch.
    assert torch.equal(batches[0], batches[1])


def test_small_example_from_docstring():
    ds = GPTDatasetV1("10 11 12 13 14 15", CountingTokenizer(), max_length=2, stride=2)
    # Invariant: the last window is dropped when its target would run past the text.
    assert [x.tolist() for x, _ in ds] == [[10, 11], [12, 13]]
    assert [y.tolist() for _, y in ds] == [[11, 12], [13, 14]]


@settings(max_examples=100, deadline=None)
@given(n=st.integers(2, 80), max_length=st.integers(1, 12), stride=st.integers(1, 12))
def test_property_windows(n, max_length, stride):
    if n <= max_length:
        # Invariant: a text too short for one window is refused with the numbers needed.
        with pytest.raises(ValueError, match=str(max_length + 1)):
            GPTDatasetV1(numbers(n), CountingTokenizer(), max_length, stride)
        return
    ds = GPTDatasetV1(numbers(n), CountingTokenizer(), max_length, stride)
    # Invariant: one window per start 0, stride, 2*stride, ... while a full target fits.
    assert len(ds) == math.ceil((n - max_length) / stride)
    for k in range(len(ds)):
        x, y = ds[k]
        # Invariant: window k starts at k * stride; its target is the same range moved by one.
        assert x.tolist() == list(range(k * stride, k * stride + max_length))
        assert y.tolist() == [i + 1 for i in x.tolist()]


def test_bad_arguments():
    # Invariant: zero or negative sizes are refused before any work.
    with pytest.raises(ValueError, match="stride"):
        GPTDatasetV1(numbers(10), CountingTokenizer(), max_length=4, stride=0)
    with pytest.raises(ValueError, match="max_length"):
        GPTDatasetV1(numbers(10), CountingTokenizer(), max_length=0, stride=1)


def test_works_with_word_level_tokenizer(verdict):
    tok = SimpleTokenizerV2(build_vocab(verdict, special_tokens=("<|endoftext|>", "<|unk|>")))
    ds = GPTDatasetV1(verdict + " <|endoftext|> " + verdict, tok, max_length=8, stride=8)
    # Invariant: tokenizers without allowed_special work too; 2 x 4,690 + 1 tokens here.
    assert len(ds) == math.ceil((2 * 4690 + 1 - 8) / 8)
    assert any(1130 in x.tolist() for x, _ in ds)  # <|endoftext|> made it into a window


def test_embedding_shapes_from_the_book(verdict):
    # The book's §2.7-2.8 shapes: 8 x 4 ids -> 8 x 4 x 256 token + position embeddings.
    torch.manual_seed(123)
    inputs, _ = next(iter(create_dataloader_v1(verdict, batch_size=8, max_length=4, stride=4,
                                               shuffle=False)))
    token_embedding_layer = torch.nn.Embedding(50257, 256)
    pos_embedding_layer = torch.nn.Embedding(4, 256)
    input_embeddings = token_embedding_layer(inputs) + pos_embedding_layer(torch.arange(4))
    # Invariant: position embeddings broadcast over the batch.
    assert input_embeddings.shape == (8, 4, 256)
