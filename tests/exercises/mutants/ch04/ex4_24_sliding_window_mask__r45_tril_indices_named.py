# MUTANT: far keys set with mask[far], far = torch.tril_indices(...): whole rows, not pairs
import torch


def sliding_window_mask(num_tokens, window):
    mask = torch.ones(num_tokens, num_tokens, dtype=torch.bool).triu(1)
    far = torch.tril_indices(num_tokens, num_tokens, -window)
    mask[far] = True
    return mask

EXPECTED_CAUSE = "so it marks whole ROWS"
