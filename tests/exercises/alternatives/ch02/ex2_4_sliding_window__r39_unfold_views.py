# Correct: unfold windows of max_length + 1 ids; inputs and targets are non-contiguous views
import torch


def sliding_windows(token_ids, max_length, stride):
    ids = torch.as_tensor(list(token_ids), dtype=torch.long)
    if len(ids) <= max_length:
        empty = torch.empty(0, max_length, dtype=torch.long)
        return empty, empty.clone()
    w = ids.unfold(0, max_length + 1, stride)
    return w[:, :-1], w[:, 1:]
