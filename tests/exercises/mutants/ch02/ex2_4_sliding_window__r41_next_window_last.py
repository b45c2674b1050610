# MUTANT: each target's last id taken from the next window's first input id
import torch


def sliding_windows(token_ids, max_length, stride):
    starts = list(range(0, len(token_ids) - max_length, stride))
    inputs = [list(token_ids[s : s + max_length]) for s in starts]
    targets = []
    for k, s in enumerate(starts):
        last = inputs[k + 1][0] if k + 1 < len(inputs) else token_ids[s + max_length]
        targets.append(inputs[k][1:] + [last])
    return (torch.tensor(inputs, dtype=torch.long).reshape(-1, max_length),
            torch.tensor(targets, dtype=torch.long).reshape(-1, max_length))

EXPECTED_CAUSE = "first ids of the NEXT windows' inputs"
