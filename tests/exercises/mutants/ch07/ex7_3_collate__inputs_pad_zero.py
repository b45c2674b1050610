# MUTANT: the inputs padded with 0 instead of pad_token_id (torch.zeros canvas)
import torch

EXPECTED_CAUSE = "the inputs are padded with 0, not with pad_token_id"


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    width = max(len(item) for item in batch)
    inputs = torch.zeros(len(batch), width, dtype=torch.long)
    targets = torch.full((len(batch), width), ignore_index, dtype=torch.long)
    for i, item in enumerate(batch):
        n = len(item)
        inputs[i, :n] = torch.tensor(item)
        targets[i, :n - 1] = torch.tensor(item[1:])
        targets[i, n - 1] = pad_token_id
    if allowed_max_length is not None:
        inputs, targets = inputs[:, :allowed_max_length], targets[:, :allowed_max_length]
    return inputs.to(device), targets.to(device)
