# Correct: vectorised windows from an index matrix of starts plus offsets
import torch


def sliding_windows(token_ids, max_length, stride):
    t = torch.tensor(list(token_ids), dtype=torch.long)
    starts = torch.arange(0, max(len(t) - max_length, 0), stride)  # no windows: end 0
    idx = starts[:, None] + torch.arange(max_length)
    return t[idx], t[idx + 1]
