# MUTANT: torch.stack over lists of ints (stack needs tensors)
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return torch.stack(inputs), torch.stack(targets)


EXPECTED_CAUSE = 'torch.stack joins tensors'  # the check's message must name this
