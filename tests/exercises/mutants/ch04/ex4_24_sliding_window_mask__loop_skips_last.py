# Mutant: a loop over range(num_tokens - 1) leaves the last row unmasked.
import torch


def sliding_window_mask(num_tokens, window):
    mask = torch.zeros(num_tokens, num_tokens, dtype=torch.bool)
    for q in range(num_tokens - 1):
        for k in range(num_tokens):
            mask[q, k] = k > q or k <= q - window
    return mask


EXPECTED_CAUSE = "stops one row short"
