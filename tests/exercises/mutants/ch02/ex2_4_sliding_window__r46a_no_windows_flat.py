# MUTANT: no reshape: torch.tensor of the empty lists of rows has shape (0,), not (0, max_length)
import torch

EXPECTED_CAUSE = "torch.tensor of an empty list has shape (0,)"


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    # the reshape keeps the (0, max_length) shape when not even one window fits
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)
