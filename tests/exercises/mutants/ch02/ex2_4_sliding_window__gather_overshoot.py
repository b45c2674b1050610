"""Vectorised starts up to len - max_length: the last target index is one past the end."""
import torch

EXPECTED_CAUSE = "one past the end of the"


def sliding_windows(token_ids, max_length, stride):
    x = torch.tensor(token_ids, dtype=torch.long)
    starts = torch.arange(0, len(x) - max_length + 1, stride)
    idx = starts[:, None] + torch.arange(max_length)[None, :]  # (num_windows, max_length)
    return x[idx], x[idx + 1]
