"""Vectorised windows whose targets are gathered at idx - 1, one id to the left."""
import torch

EXPECTED_CAUSE = "one id BEFORE their inputs"


def sliding_windows(token_ids, max_length, stride):
    x = torch.tensor(token_ids, dtype=torch.long)
    starts = torch.arange(0, len(x) - max_length, stride)
    idx = starts[:, None] + torch.arange(max_length)[None, :]  # (num_windows, max_length)
    return x[idx], x[idx - 1]
