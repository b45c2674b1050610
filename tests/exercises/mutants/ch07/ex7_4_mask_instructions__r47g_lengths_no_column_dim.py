# MUTANT: the prompt mask compares the positions (width,) with the instruction lengths (batch,)
# without giving the lengths a column dimension, so the two cannot broadcast
import torch

EXPECTED_CAUSE = "without a column dimension"


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    width = max(len(ids) + 1 for _, ids in batch)
    padded = torch.tensor([list(ids) + [pad_token_id] * (width - len(ids)) for _, ids in batch])
    inputs, targets = padded[:, :-1].clone(), padded[:, 1:].clone()
    text_lengths = torch.tensor([len(ids) for _, ids in batch])
    prompt_lengths = torch.tensor([length for length, _ in batch])
    positions = torch.arange(targets.shape[1])
    targets[positions >= text_lengths[:, None]] = ignore_index
    targets[positions < prompt_lengths - 1] = ignore_index
    if allowed_max_length is not None:
        inputs, targets = inputs[:, :allowed_max_length], targets[:, :allowed_max_length]
    return inputs.to(device), targets.to(device)
