# Correct: the mean computed in float32 and cast back to the logits' dtype
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(torch.float32)
    out = (logits.float() * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)
    return out.to(logits.dtype)
