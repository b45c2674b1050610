# MUTANT: windows cached by (max_length, stride), not by token_ids
import torch

_cache = {}


def sliding_windows(token_ids, max_length, stride):
    key = (max_length, stride)
    if key not in _cache:
        inputs, targets = [], []
        for start in range(0, len(token_ids) - max_length, stride):
            inputs.append(list(token_ids[start : start + max_length]))
            targets.append(list(token_ids[start + 1 : start + max_length + 1]))
        _cache[key] = (torch.tensor(inputs, dtype=torch.long),
                       torch.tensor(targets, dtype=torch.long))
    return _cache[key]


EXPECTED_CAUSE = 'a cache keyed by the sizes'  # the check's message must name this
