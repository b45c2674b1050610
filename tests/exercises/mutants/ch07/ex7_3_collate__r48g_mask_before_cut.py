# MUTANT: the padding mask is built for the uncut rows and applied after the cut to
# allowed_max_length, so the two widths clash whenever the cut is narrower
import torch

EXPECTED_CAUSE = "made for the uncut rows"


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    width = max(len(item) + 1 for item in batch)
    padded = torch.tensor([list(item) + [pad_token_id] * (width - len(item)) for item in batch])
    inputs, targets = padded[:, :-1].clone(), padded[:, 1:].clone()
    lengths = torch.tensor([len(item) for item in batch])[:, None]
    mask = torch.arange(width - 1)[None, :] >= lengths
    if allowed_max_length is not None:
        inputs, targets = inputs[:, :allowed_max_length], targets[:, :allowed_max_length]
    return inputs.to(device), targets.masked_fill(mask, ignore_index).to(device)
