# Correct: weights mask / count with a padding-only message's 0 / 0 turned to 0 (nan_to_num)
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).to(logits.dtype)
    weights = torch.nan_to_num(mask / mask.sum(dim=1, keepdim=True))
    return torch.einsum("btc,bt->bc", logits, weights)
