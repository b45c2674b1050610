# MUTANT: the mean also counts the first padding position
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    real = input_ids != pad_token_id
    shifted = torch.zeros_like(real)
    shifted[:, 1:] = real[:, :-1]
    mask = (real | shifted).unsqueeze(-1).to(logits.dtype)
    return (logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)

EXPECTED_CAUSE = 'so you took in the padding position(s)'
