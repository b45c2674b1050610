# MUTANT: the ids are cut to a multiple of stride first
import torch


def sliding_windows(token_ids, max_length, stride):
    token_ids = token_ids[: len(token_ids) // stride * stride]
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)

EXPECTED_CAUSE = "a multiple of stride first"
