# Correct: vectorised: one padded tensor built on the device, shift by slicing, mask from arange
import torch


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    lengths = torch.tensor([len(item) for item in batch])
    width = int(lengths.max()) + 1  # every item gets at least one end-of-text token
    padded = torch.full((len(batch), width), pad_token_id, dtype=torch.long)
    for row, item in enumerate(batch):
        padded[row, : len(item)] = torch.tensor(list(item), dtype=torch.long)
    inputs = padded[:, :-1]
    targets = padded[:, 1:].clone()
    positions = torch.arange(width - 1).unsqueeze(0)  # (1, width - 1)
    targets[positions >= lengths.unsqueeze(1)] = ignore_index  # after the first end-of-text
    if allowed_max_length is not None:
        inputs = inputs[:, :allowed_max_length]
        targets = targets[:, :allowed_max_length]
    return inputs.contiguous().to(device), targets.to(device)
