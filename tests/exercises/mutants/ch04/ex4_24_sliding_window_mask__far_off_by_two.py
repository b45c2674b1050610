# Mutant: far condition k < q - window - 1, so each token sees window + 2 tokens.
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (k < q - window - 1)


EXPECTED_CAUSE = "always 2 tokens wider than the argument"
