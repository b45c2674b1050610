# MUTANT: the last window's target ends with its input's first id (a wrong bound check)
import torch

EXPECTED_CAUSE = "only the last id of target row(s) [18] of 19 differs"


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    ids = list(token_ids)
    for start in range(0, len(ids) - max_length, stride):
        inputs.append(ids[start:start + max_length])
        t = ids[start + 1:start + max_length + 1]
        if start + max_length + 1 >= len(ids):
            t = t[:-1] + [ids[start]]
        targets.append(t)
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))
