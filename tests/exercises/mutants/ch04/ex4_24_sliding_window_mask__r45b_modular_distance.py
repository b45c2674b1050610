# MUTANT: the distance taken modulo num_tokens ((q - k) % num_tokens) to avoid negatives, so far-
# future keys (k - q > num_tokens - window) become visible
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (q - k) % max(num_tokens, 1) >= window


EXPECTED_CAUSE = "the distance wraps around"
