# Correct: torch.where to zero the padding, count kept as a long tensor, select() for the positions
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits.select(1, -1).clone()
    if token == "first":
        return logits.select(1, 0).clone()
    if token != "mean":
        raise ValueError(f"unknown token choice {token!r}")
    real = (input_ids != pad_token_id).unsqueeze(-1)  # (batch, num_tokens, 1)
    summed = torch.where(real, logits, torch.zeros_like(logits)).sum(dim=1)
    count = real.sum(dim=1).clamp(min=1)  # (batch, 1)
    return (summed / count).to(logits.dtype)
