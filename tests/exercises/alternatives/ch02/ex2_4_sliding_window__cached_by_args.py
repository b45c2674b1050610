# Correct: the windows cached by (tuple(ids), max_length, stride) with functools.cache;
#   repeated calls return the same tensors, with the values of those arguments
from functools import cache

import torch


@cache
def _windows(ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(ids) - max_length, stride):
        inputs.append(list(ids[start : start + max_length]))
        targets.append(list(ids[start + 1 : start + max_length + 1]))
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))


def sliding_windows(token_ids, max_length, stride):
    return _windows(tuple(int(i) for i in token_ids), max_length, stride)
