# MUTANT: the real tokens counted in uint8 (sum(..., dtype=torch.uint8)), which wraps past 255
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).to(torch.uint8)
    count = mask.sum(dim=1, keepdim=True, dtype=torch.uint8).clamp(min=1)
    return (logits * mask.unsqueeze(-1)).sum(dim=1) / count

EXPECTED_CAUSE = "wrapped around past 255"
