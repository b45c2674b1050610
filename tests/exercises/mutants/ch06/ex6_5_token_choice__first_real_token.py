# MUTANT: "first" takes the first non-padding token instead of position 0
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    real = input_ids != pad_token_id
    if token == "first":
        first = real.int().argmax(dim=1)  # (batch,)
        return logits[torch.arange(logits.shape[0]), first]
    mask = real.unsqueeze(-1).to(logits.dtype)
    return (logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)


EXPECTED_CAUSE = 'first REAL'
