# MUTANT: the windows are made as torch.int (int32) tensors, not torch.long
import torch

EXPECTED_CAUSE = "your inputs have dtype torch.int32"


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return (torch.tensor(inputs, dtype=torch.int).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.int).reshape(-1, max_length))
