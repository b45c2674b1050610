# MUTANT: the ids reversed before the windows are cut
import torch


def sliding_windows(token_ids, max_length, stride):
    token_ids = list(token_ids)[::-1]
    inputs, targets = [], []
    for start in range(0, len(token_ids) - max_length, stride):
        inputs.append(token_ids[start : start + max_length])
        targets.append(token_ids[start + 1 : start + max_length + 1])
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))


EXPECTED_CAUSE = 'the ids read backwards'  # the check's message must name this
