# MUTANT: an early return on len(ids) <= max_length + 1: max_length + 1 ids get no window
import torch


def sliding_windows(token_ids, max_length, stride):
    if len(token_ids) <= max_length + 1:
        empty = torch.empty((0, max_length), dtype=torch.long)
        return empty, empty.clone()
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)

EXPECTED_CAUSE = 'a length test one too strict'
