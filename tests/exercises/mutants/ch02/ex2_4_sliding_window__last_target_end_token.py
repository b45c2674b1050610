# MUTANT: the last target ends with 50256 (<|endoftext|>) instead of the real next id
import torch

EXPECTED_CAUSE = "an id written in, not read from token_ids"


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    if targets:
        targets[-1][-1] = 50256
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))
