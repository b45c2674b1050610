"""Exercise 7.3, another way: the whole batch as one tensor, sliced into inputs and targets
(cloned, so masking the targets leaves the inputs alone), returned as a list [inputs, targets],
which unpacks like the tuple the docstring shows."""
import torch


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    width = max(len(item) for item in batch) + 1
    rows = [list(item) + [pad_token_id] * (width - len(item)) for item in batch]
    full = torch.tensor(rows, dtype=torch.long)
    inputs = full[:, :-1].clone()
    targets = full[:, 1:].clone()
    for i, item in enumerate(batch):
        targets[i, len(item):] = ignore_index
    if allowed_max_length is not None:
        inputs = inputs[:, :allowed_max_length]
        targets = targets[:, :allowed_max_length]
    return [inputs.to(device), targets.to(device)]
