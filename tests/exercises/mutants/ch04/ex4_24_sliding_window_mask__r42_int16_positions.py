# MUTANT: positions made as int16 (wrap or overflow for long sequences / large windows)
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens, dtype=torch.int16)[:, None]
    k = torch.arange(num_tokens, dtype=torch.int16)[None, :]
    return (k > q) | (k <= q - window)


EXPECTED_CAUSE = "kept in int16"
