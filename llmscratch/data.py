"""Chapter 2 (Book §2.6): sliding-window (input, target) pairs for next-token prediction.

Inside:

- ``GPTDatasetV1``: tokenizes a text once and cuts it into windows of ``max_length`` ids, the
  start moving by ``stride``; each target window is its input window shifted one id to the right.
- ``create_dataloader_v1``: the book's helper that wraps the dataset (GPT-2 tokenizer) in a
  ``torch.utils.data.DataLoader``.

Worked example (the book's numbers): the-verdict is 5,145 GPT-2 tokens; with ``batch_size=8,
max_length=4, stride=4, shuffle=False`` the first batch's inputs start ``[40, 367, 2885, 1464]``,
``[1807, 3619, 402, 271]`` and the targets are the same windows moved by one id.

Differences from the book: ``GPTDatasetV1`` also accepts the word-level tokenizers of §2.3-2.4
(whose ``encode`` has no ``allowed_special``), and a text too short for a single window raises a
``ValueError`` that says how many tokens are missing instead of giving an empty dataset.

Try it::

    python ch02_tokenizing/tokenize_text.py --verdict --max-length 4 --stride 4
"""

from __future__ import annotations

import inspect

import torch
from torch.utils.data import DataLoader, Dataset


def _encode(tokenizer, txt: str) -> list[int]:
    """Encode with ``<|endoftext|>`` allowed when the tokenizer knows about special tokens."""
    try:
        params = inspect.signature(tokenizer.encode).parameters
    except (TypeError, ValueError):  # builtins without a signature: just call it
        params = {}
    if "allowed_special" in params:
        return tokenizer.encode(txt, allowed_special={"<|endoftext|>"})
    return tokenizer.encode(txt)


class GPTDatasetV1(Dataset):
    """Overlapping (or not) windows of token ids and their next-token targets.

    Window ``k`` covers ids ``[k * stride, k * stride + max_length)``; its target covers the same
    range shifted by one. With ids ``[10, 11, 12, 13, 14, 15]``, ``max_length=2, stride=2``:
    inputs ``[10, 11]``, ``[12, 13]``; targets ``[11, 12]``, ``[13, 14]`` (a third window
    ``[14, 15]`` would need id 16 as target, so it is left out).

    Shapes: ``dataset[i]`` is ``(input_ids, target_ids)``, two ``LongTensor`` of shape
    ``(max_length,)``; ``len(dataset)`` is ``ceil((num_tokens - max_length) / stride)``.
    Book: §2.6; notebook: ch02_tokenizing/ch02.ipynb
    """

    def __init__(self, txt, tokenizer, max_length, stride):
        if max_length < 1 or stride < 1:
            raise ValueError(f"max_length and stride must be >= 1, got {max_length} and {stride}")
        self.input_ids = []
        self.target_ids = []

        token_ids = _encode(tokenizer, txt)
        if len(token_ids) <= max_length:
            raise ValueError(
                f"the text is {len(token_ids)} tokens long, but one window of max_length="
                f"{max_length} plus its shifted target needs {max_length + 1}: use a longer "
                "text or a smaller max_length"
            )

        # Each start position gives one window; the target is the same window one id later.
        for i in range(0, len(token_ids) - max_length, stride):
            input_chunk = token_ids[i : i + max_length]
            target_chunk = token_ids[i + 1 : i + max_length + 1]
            self.input_ids.append(torch.tensor(input_chunk))
            self.target_ids.append(torch.tensor(target_chunk))

    def __len__(self):
        return len(self.input_ids)

    def __getitem__(self, idx):
        return self.input_ids[idx], self.target_ids[idx]


def create_dataloader_v1(
    txt, batch_size=4, max_length=256, stride=128, shuffle=True, drop_last=True, num_workers=0
):
    """A DataLoader of GPT-2-tokenized sliding windows over ``txt``.

    Each batch is ``(inputs, targets)``, both of shape ``(batch_size, max_length)``. With
    ``stride == max_length`` the windows do not overlap (no id is an input twice, which lowers
    overfitting); a smaller stride gives more, overlapping windows. ``drop_last=True`` drops a
    last, smaller batch, so every batch has the same shape.
    Example: the-verdict with ``batch_size=8, max_length=4, stride=4, shuffle=False`` gives 1,286
    windows in 160 batches; ``inputs[0]`` is ``[40, 367, 2885, 1464]``.
    Book: §2.6; notebook: ch02_tokenizing/ch02.ipynb
    """
    from llmscratch.tokenizer import get_gpt2_tokenizer

    tokenizer = get_gpt2_tokenizer()
    dataset = GPTDatasetV1(txt, tokenizer, max_length, stride)
    return DataLoader(
        dataset,
        batch_size=batch_size,
        shuffle=shuffle,
        drop_last=drop_last,
        num_workers=num_workers,
    )
