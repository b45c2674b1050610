"""A window count (len - max_length - 1) // stride: the + 1 for window 0 is missing."""
import torch

EXPECTED_CAUSE = "a count needs + 1"


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for k in range((len(token_ids) - max_length - 1) // stride):
        start = k * stride
        inputs.append(list(token_ids[start:start + max_length]))
        targets.append(list(token_ids[start + 1:start + max_length + 1]))
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)
