# MUTANT: the prompt mask set once after the loop: only the last row is masked
"""A wrong answer kept by round 46 (writer p)."""

import torch

EXPECTED_CAUSE = "only the last row's prompt is masked"


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    batch_max_length = max(len(item) + 1 for _, item in batch)
    inputs_lst, targets_lst = [], []
    for i, (instruction_length, item) in enumerate(batch):
        new_item = list(item) + [pad_token_id]
        padded = new_item + [pad_token_id] * (batch_max_length - len(new_item))
        inputs_lst.append(torch.tensor(padded[:-1]))
        target = torch.tensor(padded[1:])
        target[len(item):] = ignore_index
        targets_lst.append(target)
    inputs = torch.stack(inputs_lst)
    targets = torch.stack(targets_lst)
    if instruction_length > 1:
        targets[i, : instruction_length - 1] = ignore_index
    if allowed_max_length is not None:
        inputs = inputs[:, :allowed_max_length]
        targets = targets[:, :allowed_max_length]
    return inputs.to(device), targets.to(device)
