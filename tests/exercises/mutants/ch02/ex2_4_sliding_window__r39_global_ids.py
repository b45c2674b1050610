# MUTANT: the ids tensor made once, kept in a module global: later calls cut the first ids
import torch

_IDS = None


def sliding_windows(token_ids, max_length, stride):
    global _IDS
    if _IDS is None:
        _IDS = torch.tensor(list(token_ids), dtype=torch.long)
    ids = _IDS
    inputs, targets = [], []
    for start in range(0, len(ids) - max_length, stride):
        inputs.append(ids[start:start + max_length])
        targets.append(ids[start + 1:start + max_length + 1])
    if not inputs:
        empty = torch.empty(0, max_length, dtype=torch.long)
        return empty, empty.clone()
    return torch.stack(inputs), torch.stack(targets)


EXPECTED_CAUSE = 'the ids of the first call are kept'
