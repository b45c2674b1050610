# MUTANT: "mean" takes the maximum over the real positions (max pooling) instead of the average
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1)
    filled = logits.masked_fill(~mask, float("-inf")).amax(dim=1)
    return torch.where(mask.any(dim=1), filled, torch.zeros_like(filled))


EXPECTED_CAUSE = 'max pooling'
