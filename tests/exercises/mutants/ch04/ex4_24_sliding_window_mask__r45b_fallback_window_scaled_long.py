# MUTANT: the window scaled by num_tokens // 1024 for long inputs (a made-up "long context"
# tweak), so 2,100 tokens get window 10 instead of 5
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    if num_tokens > 1024:
        window = window * num_tokens // 1024
    return (k > q) | (k <= q - window)


EXPECTED_CAUSE = "exactly the mask of window = 10"
