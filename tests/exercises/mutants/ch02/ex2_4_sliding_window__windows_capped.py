# MUTANT: at most 300 windows are kept (a cap meant for a quick run)
import torch

EXPECTED_CAUSE = "or the windows capped at 300"


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        if len(inputs) == 300:
            break
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))
