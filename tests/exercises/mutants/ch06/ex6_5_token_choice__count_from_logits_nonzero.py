import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
    masked = logits * mask
    count = (masked[:, :, :1] != 0).sum(dim=1).clamp(min=1)
    return masked.sum(dim=1) / count


EXPECTED_CAUSE = "count came from the masked logits"
