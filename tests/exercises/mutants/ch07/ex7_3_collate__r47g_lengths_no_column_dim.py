# MUTANT: the padding mask compares the positions (width,) with the text lengths (batch,)
# without giving the lengths a column dimension, so the two cannot broadcast
import torch

EXPECTED_CAUSE = "without a column dimension"


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    width = max(len(item) + 1 for item in batch)
    padded = torch.tensor([list(item) + [pad_token_id] * (width - len(item)) for item in batch])
    inputs, targets = padded[:, :-1].clone(), padded[:, 1:].clone()
    lengths = torch.tensor([len(item) for item in batch])
    targets[torch.arange(targets.shape[1]) >= lengths] = ignore_index
    if allowed_max_length is not None:
        inputs, targets = inputs[:, :allowed_max_length], targets[:, :allowed_max_length]
    return inputs.to(device), targets.to(device)
