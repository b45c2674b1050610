# Correct: (q - k) // window != 0: negative in the future, 0 inside the window, >= 1 too far back
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return ((q - k) // window != 0)
