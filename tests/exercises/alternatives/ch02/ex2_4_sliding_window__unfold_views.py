# Correct: one unfold of max_length + 1 ids per window; inputs and targets are views of it
import torch


def sliding_windows(token_ids, max_length, stride):
    ids = torch.tensor(list(token_ids), dtype=torch.long)
    if len(ids) < max_length + 1:
        empty = torch.empty(0, max_length, dtype=torch.long)
        return empty, empty.clone()
    windows = ids.unfold(0, max_length + 1, stride)  # (num_windows, max_length + 1)
    return windows[:, :-1], windows[:, 1:]
