# MUTANT: the ids of every input window reversed (token_ids[start + max_length - 1:start -
# 1:-1]-style slice)
import torch

EXPECTED_CAUSE = 'expected window reversed'


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length])[::-1])
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))
