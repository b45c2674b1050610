# MUTANT: float16 positions, which round past 2048 tokens
import torch


def sliding_window_mask(num_tokens, window):
    pos = torch.arange(num_tokens, dtype=torch.float16)
    q = pos[:, None]
    k = pos[None, :]
    return (k > q) | (k <= q - window)


EXPECTED_CAUSE = "your positions are kept in float16"
