# MUTANT: the windows go through bfloat16 tensors
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return (torch.tensor(inputs, dtype=torch.bfloat16).long(),
            torch.tensor(targets, dtype=torch.bfloat16).long())

EXPECTED_CAUSE = "torch.bfloat16 tensor"
