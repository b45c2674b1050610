# MUTANT: the far part hides q - k >= window - 1 (the window one token too narrow)
import torch

EXPECTED_CAUSE = "the window is one token too narrow"


def sliding_window_mask(num_tokens, window):
    pos = torch.arange(num_tokens)
    dist = pos[:, None] - pos[None, :]
    return (dist < 0) | (dist >= window - 1)
