"""Windows start at stride - 1 instead of 0."""
import torch

EXPECTED_CAUSE = "yours start at [3, 7, 11, 15]"


def sliding_windows(token_ids, max_length, stride):
    xs, ys = [], []
    for s in range(stride - 1, len(token_ids) - max_length, stride):
        xs.append(token_ids[s:s + max_length])
        ys.append(token_ids[s + 1:s + max_length + 1])
    return torch.tensor(xs, dtype=torch.long), torch.tensor(ys, dtype=torch.long)
