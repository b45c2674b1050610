# MUTANT: windows that hold the end-of-text id 50256 are skipped
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        x = list(token_ids[start : start + max_length])
        y = list(token_ids[start + 1 : start + max_length + 1])
        if 50256 in x or 50256 in y:
            continue
        inputs.append(x)
        targets.append(y)
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)

EXPECTED_CAUSE = "which hold the id 50256"
