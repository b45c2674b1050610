# MUTANT: 'shifted = token_ids; shifted.pop(0)' changes the caller's list and the inputs too
import torch


def sliding_windows(token_ids, max_length, stride):
    shifted = token_ids
    shifted.pop(0)
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length + 1, stride):
        if start + max_length > len(shifted):
            break
        inputs.append(token_ids[start:start + max_length])
        targets.append(shifted[start:start + max_length])
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))


EXPECTED_CAUSE = "changed its argument"
