import torch


def sliding_windows(token_ids, max_length, stride):
    pairs = {}
    for start in range(0, len(token_ids) - max_length, stride):
        pairs[tuple(token_ids[start : start + max_length])] = list(
            token_ids[start + 1 : start + max_length + 1])
    inputs = [list(k) for k in pairs]
    targets = list(pairs.values())
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)


EXPECTED_CAUSE = 'keyed by the input window'
