# MUTANT: each position's weight normalised over the batch (dim 0)
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == 'last':
        return logits[:, -1, :]
    if token == 'first':
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).to(logits.dtype)
    w = mask / mask.sum(dim=0, keepdim=True).clamp(min=1)
    return (logits * w.unsqueeze(-1)).sum(dim=1)


EXPECTED_CAUSE = 'count over the BATCH (dim 0'
