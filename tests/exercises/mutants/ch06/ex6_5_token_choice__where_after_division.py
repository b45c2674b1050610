# MUTANT: 0/0 for a padding-only message replaced with torch.where after the division: NaN gradient
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
    count = mask.sum(dim=1)
    mean = (logits * mask).sum(dim=1) / count
    return torch.where(count > 0, mean, torch.zeros_like(mean))


EXPECTED_CAUSE = 'gradient that flows back'
