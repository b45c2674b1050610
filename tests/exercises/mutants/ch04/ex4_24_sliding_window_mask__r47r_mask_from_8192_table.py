# MUTANT: one causal sliding-window band built at import for a context of 8,192 tokens and
# sliced: the far part follows each call's window, but the mask stops at 8,192 tokens
import torch

EXPECTED_CAUSE = "your masks stop at 8192 tokens"

_CONTEXT = 8192
_FUTURE = torch.ones(_CONTEXT, _CONTEXT, dtype=torch.bool).triu(1)


def sliding_window_mask(num_tokens, window):
    future = _FUTURE[:num_tokens, :num_tokens]
    far = torch.ones_like(future).tril(-window)
    return future | far
