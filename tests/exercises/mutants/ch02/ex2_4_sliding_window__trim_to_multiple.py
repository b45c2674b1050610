import torch


def sliding_windows(token_ids, max_length, stride):
    n = (len(token_ids) // max_length) * max_length
    token_ids = token_ids[:n]
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)


EXPECTED_CAUSE = 'cut to a multiple of max_length'
