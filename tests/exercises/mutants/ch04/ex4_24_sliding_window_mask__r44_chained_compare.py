# MUTANT: the band as a chained comparison q - window < k <= q (bool() of a tensor)
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    visible = q - window < k <= q
    return ~visible

EXPECTED_CAUSE = "a chained comparison, which Python reads as the comparisons joined by `and`"
