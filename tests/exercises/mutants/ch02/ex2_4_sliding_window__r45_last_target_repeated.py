# MUTANT: the last target row overwritten by the one before it (an index slip)
import torch

EXPECTED_CAUSE = "your row 4 repeats your row 3"


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    if len(targets) > 1:
        targets[-1] = targets[-2]
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))
