# MUTANT: the positions are made in float16, which rounds them past 2048 tokens (neighbouring positions merge), so long masks are wrong
import torch


def sliding_window_mask(num_tokens, window):
    pos = torch.arange(num_tokens, dtype=torch.float16)
    q = pos[:, None]
    k = pos[None, :]
    return (k > q) | (k <= q - window)


EXPECTED_CAUSE = "your positions are kept in float16"
