# MUTANT: Python's max(count, 1) on a tensor of counts: crashes for a batch of more than one
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == 'last':
        return logits[:, -1, :]
    if token == 'first':
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
    count = mask.sum(dim=1)
    return (logits * mask).sum(dim=1) / max(count, 1)


EXPECTED_CAUSE = "Python's max(count"
