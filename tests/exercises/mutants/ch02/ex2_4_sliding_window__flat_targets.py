# MUTANT: the targets flattened to one row (view(-1)), as the loss later wants them
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    targets = torch.tensor(targets, dtype=torch.long).view(-1)
    return torch.tensor(inputs, dtype=torch.long), targets


EXPECTED_CAUSE = "targets are flattened"
