# MUTANT: range step uses len(token_ids) // stride
"""Exercise 2.4 (solution): sliding-window inputs and targets (book §2.6)."""

import torch


def sliding_windows(token_ids, max_length, stride):
    """Cut ``token_ids`` into (input, target) windows for next-token prediction."""
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, max(1, len(token_ids) // stride)):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)


EXPECTED_CAUSE = 'your windows start every'  # the check's message must name this
