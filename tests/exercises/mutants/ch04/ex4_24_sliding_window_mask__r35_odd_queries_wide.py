# MUTANT: odd queries see one key too many
import torch

EXPECTED_CAUSE = "shows 2 keys too far back (k <= q - 3) that must be hidden (queries [3, 5])"


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (k <= q - window - (q % 2))
