# MUTANT: stride used as the step of the input slice (every stride-th id in a window)
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length * stride : stride]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)

EXPECTED_CAUSE = "one id in every 4"
