# Correct: padding zeroed by index assignment on a clone, count via count_nonzero
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    is_real = input_ids != pad_token_id  # (batch, num_tokens)
    zeroed = logits.clone()
    zeroed[~is_real] = 0
    count = torch.count_nonzero(is_real, dim=1).clamp(min=1).unsqueeze(-1)  # (batch, 1)
    return zeroed.sum(dim=1) / count
