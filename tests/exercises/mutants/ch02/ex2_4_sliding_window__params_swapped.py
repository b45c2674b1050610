# MUTANT: parameters declared in the wrong order (stride, max_length)
import torch


def sliding_windows(token_ids, stride, max_length):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)


EXPECTED_CAUSE = 'swapped everywhere'  # the check's message must name this
