# MUTANT: shortcut to the plain causal mask when window >= num_tokens - 1
# (should be window >= num_tokens)
import torch


def sliding_window_mask(num_tokens, window):
    causal = torch.ones(num_tokens, num_tokens, dtype=torch.bool).triu(1)
    if window >= num_tokens - 1:
        return causal
    far = torch.ones(num_tokens, num_tokens, dtype=torch.bool).tril(-window)
    return causal | far


EXPECTED_CAUSE = "window >= num_tokens - 1"
