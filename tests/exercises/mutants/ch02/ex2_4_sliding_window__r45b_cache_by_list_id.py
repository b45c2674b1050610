# MUTANT: windows memoised by (id(token_ids), max_length, stride): a list changed in place
import torch

_CACHE = {}


def sliding_windows(token_ids, max_length, stride):
    key = (id(token_ids), max_length, stride)
    if key in _CACHE:
        return _CACHE[key]
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    result = (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
              torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))
    _CACHE[key] = result
    return result


EXPECTED_CAUSE = 'a cache keyed by id(token_ids)'
