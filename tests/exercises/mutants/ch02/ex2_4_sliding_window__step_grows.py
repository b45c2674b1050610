# MUTANT: the start moves by stride + 1 after the first window
import torch


def sliding_windows(token_ids, max_length, stride):
    inputs, targets = [], []
    start = 0
    while start + max_length < len(token_ids):
        inputs.append(list(token_ids[start : start + max_length]))
        targets.append(list(token_ids[start + 1 : start + max_length + 1]))
        start += stride if start == 0 else stride + 1
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))


EXPECTED_CAUSE = '[4, 5, 5] apart'  # the check's message must name this
