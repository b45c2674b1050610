# MUTANT: equal windows dropped (a dict keyed by the input window)
"""Kept wrong answer (see EXPECTED_CAUSE)."""

import torch


def sliding_windows(token_ids, max_length, stride):
    seen = {}
    for start in range(0, len(token_ids) - max_length, stride):
        key = tuple(token_ids[start : start + max_length])
        seen.setdefault(key, list(token_ids[start + 1 : start + max_length + 1]))
    inputs = [list(k) for k in seen]
    targets = list(seen.values())
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)


EXPECTED_CAUSE = 'equal windows were dropped'  # the check's message must name this
