# Mutant: functools.cache hands every caller the same mask tensor.
import functools

import torch


@functools.cache
def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (k <= q - window)


EXPECTED_CAUSE = 'shared between calls'
