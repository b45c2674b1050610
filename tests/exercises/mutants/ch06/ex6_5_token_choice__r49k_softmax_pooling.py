# MUTANT: softmax over -inf-masked zero scores: NaN for a message of padding only
"""Exercise 6.5 (wrong answer)."""

import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    # attention-style pooling: -inf on padding, softmax gives equal weights to the real tokens
    scores = torch.zeros(input_ids.shape, dtype=logits.dtype, device=logits.device)
    scores = scores.masked_fill(input_ids == pad_token_id, float("-inf"))
    weights = torch.softmax(scores, dim=1).unsqueeze(-1)
    return (weights * logits).sum(dim=1)


EXPECTED_CAUSE = "softmax over a row whose scores are all -inf"
