# MUTANT: 'first' adds 1 to class 0 (a prior left in); named by the fallback
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        bias = torch.zeros(logits.shape[-1], dtype=logits.dtype)
        bias[0] = 1.0
        return logits[:, 0, :] + bias
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
    return (logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)

EXPECTED_CAUSE = "each by the same amount in every message"
