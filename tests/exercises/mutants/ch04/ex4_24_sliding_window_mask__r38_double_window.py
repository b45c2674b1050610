# MUTANT: the far limit uses 2 * window
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (k <= q - 2 * window)


EXPECTED_CAUSE = "yours hides k <= q - 8 wherever it hides any, 8 is twice this window"
