# MUTANT: the far diagonals filled in a loop range(window, num_tokens - 1) that stops one short,
# so the farthest key (last query, key 0) stays visible
import torch


def sliding_window_mask(num_tokens, window):
    mask = torch.ones(num_tokens, num_tokens, dtype=torch.bool).triu(1)
    for d in range(window, num_tokens - 1):
        mask.diagonal(-d).fill_(True)
    return mask


EXPECTED_CAUSE = "Every difference lies on one diagonal, k = q - 5"
