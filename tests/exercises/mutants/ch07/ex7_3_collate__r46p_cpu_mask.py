# MUTANT: the padding mask made from torch.arange without device=: a CPU mask on the device
"""A wrong answer kept by round 46 (writer p)."""

import torch

EXPECTED_CAUSE = "tensors on different devices meet"


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    width = max(len(item) + 1 for item in batch)
    rows = torch.full((len(batch), width), pad_token_id, dtype=torch.long, device=device)
    for i, item in enumerate(batch):
        if item:
            rows[i, :len(item)] = torch.tensor(item, dtype=torch.long, device=device)
    inputs, targets = rows[:, :-1], rows[:, 1:].clone()
    lengths = torch.tensor([len(item) for item in batch])
    padding = torch.arange(width - 1).unsqueeze(0) >= lengths.unsqueeze(1)
    targets = targets.masked_fill(padding, ignore_index)
    if allowed_max_length is not None:
        inputs = inputs[:, :allowed_max_length]
        targets = targets[:, :allowed_max_length]
    return inputs, targets
