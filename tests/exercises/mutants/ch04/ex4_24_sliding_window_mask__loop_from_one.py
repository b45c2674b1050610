# Mutant: the loop over the queries starts at 1, so row 0 is never filled.
import torch


def sliding_window_mask(num_tokens, window):
    mask = torch.zeros(num_tokens, num_tokens, dtype=torch.bool)
    for q in range(1, num_tokens):
        for k in range(num_tokens):
            mask[q, k] = k > q or k <= q - window
    return mask


EXPECTED_CAUSE = "starts one row late"
