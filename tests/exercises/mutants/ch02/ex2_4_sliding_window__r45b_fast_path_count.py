# MUTANT: a stride == max_length shortcut that makes len(ids) // max_length - 1 windows
import torch


def sliding_windows(token_ids, max_length, stride):
    if stride == max_length:
        n = len(token_ids) // max_length - 1
        ids = torch.tensor(list(token_ids), dtype=torch.long)
        n = max(n, 0)
        inputs = ids[: n * max_length].reshape(n, max_length)
        targets = ids[1 : n * max_length + 1].reshape(n, max_length)
        return inputs, targets
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))


EXPECTED_CAUSE = 'wrong only where stride == max_length'
