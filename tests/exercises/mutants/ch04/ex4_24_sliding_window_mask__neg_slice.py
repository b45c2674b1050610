# Mutant: a loop with mask[q, :q - window + 1], negative for the first queries.
import torch


def sliding_window_mask(num_tokens, window):
    mask = torch.zeros(num_tokens, num_tokens, dtype=torch.bool)
    for q in range(num_tokens):
        mask[q, q + 1:] = True
        mask[q, :q - window + 1] = True
    return mask


EXPECTED_CAUSE = 'slice end q - window + 1 is negative'
