# Mutant: window measured from the last token (num_tokens - window) instead of from each query.
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (k <= num_tokens - 1 - window)


EXPECTED_CAUSE = 'the keys that the LAST query finds too far back'
