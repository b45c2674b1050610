# MUTANT: windows built recursively (one call per window): past the recursion limit
import torch

EXPECTED_CAUSE = "past Python's recursion limit"


def _windows(ids, max_length, stride):
    if len(ids) <= max_length:
        return []
    return [ids[:max_length + 1]] + _windows(ids[stride:], max_length, stride)


def sliding_windows(token_ids, max_length, stride):
    rows = _windows(list(token_ids), max_length, stride)
    t = torch.tensor(rows, dtype=torch.long).reshape(-1, max_length + 1)
    return t[:, :-1], t[:, 1:]
