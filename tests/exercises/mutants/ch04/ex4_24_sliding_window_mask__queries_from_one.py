# MUTANT: queries numbered from 1 and keys from 0, so each token sees one future token and the
#         window shifts
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(1, num_tokens + 1)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (k <= q - window)


EXPECTED_CAUSE = "the queries counted from 1"
