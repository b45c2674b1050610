# MUTANT: windows counted back from the end of the ids
"""Kept wrong answer (see EXPECTED_CAUSE)."""

import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    for start in range(len(token_ids) - max_length - 1, -1, -stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    inputs.reverse()
    targets.reverse()
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)


EXPECTED_CAUSE = 'aligned to the END'  # the check's message must name this
