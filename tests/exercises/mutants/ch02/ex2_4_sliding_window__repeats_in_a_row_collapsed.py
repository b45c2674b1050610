# MUTANT: windows cut from the ids with repeats in a row collapsed
import torch

EXPECTED_CAUSE = "the ids with each run of a repeated id collapsed to one"


def sliding_windows(token_ids, max_length, stride):
    ids = [t for k, t in enumerate(token_ids) if k == 0 or t != token_ids[k - 1]]
    inputs, targets = [], []
    for start in range(0, len(ids) - max_length, stride):
        inputs.append(list(ids[start : start + max_length]))
        targets.append(list(ids[start + 1 : start + max_length + 1]))
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))
