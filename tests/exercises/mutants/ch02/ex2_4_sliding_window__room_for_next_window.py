# MUTANT: the range stops at len - max_length - stride + 1 so that a next window fits
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length - stride + 1, stride):
        inputs.append(list(token_ids[start:start + max_length]))
        targets.append(list(token_ids[start + 1:start + max_length + 1]))
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)


EXPECTED_CAUSE = 'so that a next window fits'  # the check's message must name this
