# MUTANT: masks made from torch.arange without device=: a CPU mask on the batch's device
"""A wrong answer kept by round 46 (writer p)."""

import torch

EXPECTED_CAUSE = "mixed-device error"


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    width = max(len(item) + 1 for _, item in batch)
    inputs = torch.full((len(batch), width), pad_token_id, dtype=torch.long, device=device)
    for i, (_, item) in enumerate(batch):
        if item:
            inputs[i, :len(item)] = torch.tensor(item, dtype=torch.long, device=device)
    targets = inputs[:, 1:].clone()
    inputs = inputs[:, :-1]
    positions = torch.arange(width - 1)
    for i, (n, item) in enumerate(batch):
        targets[i].masked_fill_(positions >= len(item), ignore_index)
        targets[i].masked_fill_(positions < n - 1, ignore_index)
    if allowed_max_length is not None:
        inputs = inputs[:, :allowed_max_length]
        targets = targets[:, :allowed_max_length]
    return inputs, targets
