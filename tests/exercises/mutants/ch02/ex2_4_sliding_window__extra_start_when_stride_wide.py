# MUTANT: one more start allowed when stride > max_length (a window whose target does not fit)
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    extra = 1 if stride > max_length else 0
    for start in range(0, len(token_ids) - max_length + extra, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)

EXPECTED_CAUSE = "a start whose target does not fit"
