# MUTANT: the padding and prompt mask is built for the uncut rows and applied after the cut to
# allowed_max_length, so the two widths clash whenever the cut is narrower
import torch

EXPECTED_CAUSE = "made for the uncut rows"


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    width = max(len(ids) + 1 for _, ids in batch)
    padded = torch.tensor([list(ids) + [pad_token_id] * (width - len(ids)) for _, ids in batch])
    inputs, targets = padded[:, :-1].clone(), padded[:, 1:].clone()
    positions = torch.arange(width - 1)[None, :]
    text_lengths = torch.tensor([len(ids) for _, ids in batch])[:, None]
    prompt_lengths = torch.tensor([length for length, _ in batch])[:, None]
    mask = (positions >= text_lengths) | (positions < prompt_lengths - 1)
    if allowed_max_length is not None:
        inputs, targets = inputs[:, :allowed_max_length], targets[:, :allowed_max_length]
    return inputs.to(device), targets.masked_fill(mask, ignore_index).to(device)
