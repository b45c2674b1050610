# MUTANT: stride capped at len(ids) - max_length - 1 so that two windows fit
import torch


def sliding_windows(token_ids, max_length, stride):
    stride = max(1, min(stride, len(token_ids) - max_length - 1))
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start:start + max_length]))
        targets.append(list(token_ids[start + 1:start + max_length + 1]))
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))

EXPECTED_CAUSE = "steps of 2, not stride = 5"
