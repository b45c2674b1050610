# MUTANT: masked logits averaged with .mean(1), then divided by the count
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == 'last':
        return logits[:, -1, :]
    if token == 'first':
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
    return (logits * mask).mean(dim=1) / mask.sum(dim=1).clamp(min=1)


EXPECTED_CAUSE = 'you divided twice'
