# MUTANT: loop with range(q - window, q) for visible keys: the token itself hidden, one earlier seen
import torch


def sliding_window_mask(num_tokens, window):
    mask = torch.ones(num_tokens, num_tokens, dtype=torch.bool)
    for q in range(num_tokens):
        for k in range(max(0, q - window), q):
            mask[q, k] = False
    return mask


EXPECTED_CAUSE = "both ends one too low"
