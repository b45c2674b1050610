# MUTANT: tril diagonal -(num_tokens - window) instead of -window.
import torch


def sliding_window_mask(num_tokens, window):
    ones = torch.ones(num_tokens, num_tokens, dtype=torch.bool)
    return torch.triu(ones, diagonal=1) | torch.tril(ones, diagonal=-(num_tokens - window))


EXPECTED_CAUSE = "always num_tokens - window"
