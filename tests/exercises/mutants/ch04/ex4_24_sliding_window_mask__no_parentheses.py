# MUTANT: comparisons joined by | without parentheses (a chained comparison)
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    diff = q - k
    return diff < 0 | diff >= window


EXPECTED_CAUSE = "bind tighter than"
