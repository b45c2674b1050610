# MUTANT: targets = inputs then targets += 1 on the same tensor (both become ids + 1)
import torch


def sliding_windows(token_ids, max_length, stride):
    starts = range(0, len(token_ids) - max_length, stride)
    rows = [list(token_ids[s : s + max_length]) for s in starts]
    inputs = torch.tensor(rows, dtype=torch.long).reshape(-1, max_length)
    targets = inputs
    targets += 1
    return inputs, targets


EXPECTED_CAUSE = "your inputs and targets are one tensor"
