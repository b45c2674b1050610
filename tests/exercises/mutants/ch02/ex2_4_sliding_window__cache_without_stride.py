# MUTANT: windows are cached by (ids, max_length), without stride
import torch

_CACHE = {}


def sliding_windows(token_ids, max_length, stride):
    key = (tuple(token_ids), max_length)
    if key not in _CACHE:
        inputs, targets = [], []
        for start in range(0, len(token_ids) - max_length, stride):
            inputs.append(list(token_ids[start : start + max_length]))
            targets.append(list(token_ids[start + 1 : start + max_length + 1]))
        _CACHE[key] = (torch.tensor(inputs, dtype=torch.long),
                       torch.tensor(targets, dtype=torch.long))
    return _CACHE[key]

EXPECTED_CAUSE = "freshly loaded copy"
