# MUTANT: a position-weighted mean (weights 1..n, SGPT-style pooling), not the plain mean
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).to(logits.dtype)
    weights = mask * torch.arange(1, logits.shape[1] + 1, dtype=logits.dtype)
    weights = weights / weights.sum(dim=1, keepdim=True).clamp(min=1)
    return (logits * weights.unsqueeze(-1)).sum(dim=1)


EXPECTED_CAUSE = 'a position-weighted mean'
