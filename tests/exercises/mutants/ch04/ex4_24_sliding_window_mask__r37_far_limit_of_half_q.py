# MUTANT: far limit q // 2 - window: plain causal on (6, 3), the fallback lists the limits
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (k <= q // 2 - window)


EXPECTED_CAUSE = "see how your far limit follows q"
