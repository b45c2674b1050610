# Correct: masked sum with einsum, count with clamp_min, explicit dtype casts
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, logits.shape[1] - 1, :]
    if token == "first":
        return logits[:, 0]
    mask = input_ids.ne(pad_token_id).to(logits.dtype)  # (batch, num_tokens)
    summed = torch.einsum("btc,bt->bc", logits, mask)
    return summed / mask.sum(dim=1, keepdim=True).clamp_min(1)
