# MUTANT: no dtype given: the empty result is float32
"""Kept wrong answer (see EXPECTED_CAUSE)."""

import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return torch.tensor(inputs), torch.tensor(targets)


EXPECTED_CAUSE = 'torch.tensor of an empty list'  # the check's message must name this
