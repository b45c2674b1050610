# MUTANT: torch.stack of an empty list crashes when the ids are too short for one window
import torch


def sliding_windows(token_ids, max_length, stride):
    ids = torch.tensor(list(token_ids), dtype=torch.long)
    n = (len(ids) - max_length - 1) // stride + 1
    inputs = torch.stack([ids[k * stride:k * stride + max_length] for k in range(n)])
    targets = torch.stack([ids[k * stride + 1:k * stride + max_length + 1] for k in range(n)])
    return inputs, targets


EXPECTED_CAUSE = 'there is no window'
