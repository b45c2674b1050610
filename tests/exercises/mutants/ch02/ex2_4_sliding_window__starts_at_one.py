# MUTANT: windows start at 1 (range(1, ...)) instead of 0
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(1, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)


EXPECTED_CAUSE = 'start at position 1'  # the check's message must name this
