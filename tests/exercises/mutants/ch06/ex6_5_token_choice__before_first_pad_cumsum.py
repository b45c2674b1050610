# MUTANT: 'mean' averages only the positions before the first padding id
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == 'last':
        return logits[:, -1, :]
    if token == 'first':
        return logits[:, 0, :]
    mask = ((input_ids == pad_token_id).cumsum(dim=1) == 0).unsqueeze(-1).to(logits.dtype)
    return (logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)


EXPECTED_CAUSE = 'BEFORE the first padding id (a cumsum'
