# MUTANT: 'mean' over the positions real in ANY message of the batch (a column mask)
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    keep = (input_ids != pad_token_id).any(dim=0)
    if not bool(keep.any()):
        return torch.zeros_like(logits[:, 0, :])
    return logits[:, keep, :].mean(dim=1)

EXPECTED_CAUSE = "real in ANY message of the batch"
