# MUTANT: mask[torch.triu_indices(...)] = True: a (2, K) index picks whole rows
import torch


def sliding_window_mask(num_tokens, window):
    mask = torch.zeros(num_tokens, num_tokens, dtype=torch.bool)
    mask[torch.triu_indices(num_tokens, num_tokens, 1)] = True
    far = torch.tril_indices(num_tokens, num_tokens, -window)
    mask[far[0], far[1]] = True
    return mask

EXPECTED_CAUSE = "so it marks whole ROWS"
