# MUTANT: the far part hides q - k >= window / 2 (a window halved, float comparison)
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (q - k >= window / 2)

EXPECTED_CAUSE = "5 with window 10: half the window"
