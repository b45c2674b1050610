# MUTANT: positions sliced from a 256-entry table made at import (wrong past 256 tokens)
import torch

_IDX = torch.arange(256)


def sliding_window_mask(num_tokens, window):
    q = _IDX[:num_tokens, None]
    k = _IDX[None, :num_tokens]
    return (k > q) | (k <= q - window)


EXPECTED_CAUSE = "your masks stop at 256 tokens"
