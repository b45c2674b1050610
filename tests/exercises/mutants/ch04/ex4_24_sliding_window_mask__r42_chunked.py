# MUTANT: a chunked (block-local) mask: each query sees its own block of `window` tokens,
# not the window - 1 tokens before it
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (k < (q // window) * window)


EXPECTED_CAUSE = "chunked attention"
