# Correct: nested list comprehension, then torch.tensor(dtype=torch.bool)
import torch


def sliding_window_mask(num_tokens: int, window: int) -> torch.Tensor:
    rows = [[k > q or k <= q - window for k in range(num_tokens)] for q in range(num_tokens)]
    return torch.tensor(rows, dtype=torch.bool).reshape(num_tokens, num_tokens)
