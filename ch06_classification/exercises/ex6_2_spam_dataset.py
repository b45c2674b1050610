"""Exercise 6.2: the spam dataset, with padding and truncation.

This exercise is ours; the book has no exercise on it.

A batch is one tensor, so every message in it needs the same number of tokens. The book pads
every message to the longest training message (120 tokens) with ``<|endoftext|>`` (id 50256),
and cuts longer messages in the validation and test sets to that length.
Check your answer with ``python -m llmscratch check ch06 --only ex6_2``.
"""

import pandas as pd  # noqa: F401
import torch  # noqa: F401
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    """A ``Dataset`` of ``(input_ids, label)`` pairs, all ``input_ids`` of one length.

    ``csv_file`` is a CSV with columns ``Text`` and ``Label`` (0 = ham, 1 = spam); read it with
    ``pd.read_csv`` and encode each text with ``tokenizer.encode`` (without ``allowed_special``:
    the characters ``<|endoftext|>`` typed in a message must not become the padding id).
    - ``max_length=None``: ``self.max_length`` is the longest encoded message;
    - an int: ``self.max_length = max_length`` and longer messages keep their FIRST
      ``max_length`` ids (the start of a message says most about it).
    Then append ``pad_token_id`` to each message until it has ``self.max_length`` ids.
    ``dataset[i]`` returns two ``torch.long`` tensors: the ids, shape ``(max_length,)``, and the
    label, shape ``()``. Example with one id per character: "hi" padded to 4 gives
    ``[104, 105, 50256, 50256]``.
    """

    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        raise NotImplementedError("ex6_2: encode, truncate and pad the messages")

    def __getitem__(self, index):
        raise NotImplementedError("ex6_2: return (input_ids, label) as torch.long tensors")

    def __len__(self):
        raise NotImplementedError("ex6_2: the number of messages")
