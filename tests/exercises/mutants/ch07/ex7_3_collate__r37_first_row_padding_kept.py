# MUTANT: the padding masked in a loop from row 1: the first row keeps its padding (no replay)
import torch


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    batch_max_length = max(len(item) + 1 for item in batch)
    rows = []
    for item in batch:
        new_item = list(item) + [pad_token_id]
        rows.append(new_item + [pad_token_id] * (batch_max_length - len(new_item)))
    padded = torch.tensor(rows)
    inputs = padded[:, :-1].clone()
    targets = padded[:, 1:].clone()
    for i in range(1, len(batch)):
        targets[i, len(batch[i]):] = ignore_index
    if allowed_max_length is not None:
        inputs = inputs[:, :allowed_max_length]
        targets = targets[:, :allowed_max_length]
    return inputs.to(device), targets.to(device)


EXPECTED_CAUSE = "with the batch reversed the same place differs"
