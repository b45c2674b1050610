# MUTANT: the target slice uses stride for its length (ids[start + 1 : start + 1 + stride])
#   instead of max_length
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start:start + max_length]))
        targets.append(list(token_ids[start + 1:start + 1 + stride]))
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))

EXPECTED_CAUSE = "uses stride where max_length belongs"
