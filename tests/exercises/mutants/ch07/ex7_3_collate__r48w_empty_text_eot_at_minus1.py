# MUTANT: the end-of-text target set at targets[i, len(item) - 1]: column -1 for an empty text
import torch


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    width = max(len(item) + 1 for item in batch)
    n = len(batch)
    inputs = torch.full((n, width - 1), pad_token_id, dtype=torch.long)
    targets = torch.full((n, width - 1), ignore_index, dtype=torch.long)
    for i, item in enumerate(batch):
        k = len(item)
        inputs[i, :k] = torch.tensor(item, dtype=torch.long)
        if k > 1:
            targets[i, :k - 1] = torch.tensor(item[1:], dtype=torch.long)
        if k - 1 < width - 1:
            targets[i, k - 1] = pad_token_id
    if allowed_max_length is not None:
        inputs = inputs[:, :allowed_max_length]
        targets = targets[:, :allowed_max_length]
    return inputs.to(device), targets.to(device)


EXPECTED_CAUSE = "a negative index counts from the end"
