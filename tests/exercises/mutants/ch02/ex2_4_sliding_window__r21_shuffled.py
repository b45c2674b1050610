"""The windows are shuffled (as a DataLoader with shuffle=True would)."""
import torch

EXPECTED_CAUSE = "your windows are the right ones, but in another order"


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    x, y = torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)
    perm = torch.randperm(len(x), generator=torch.Generator().manual_seed(123))
    return x[perm], y[perm]
