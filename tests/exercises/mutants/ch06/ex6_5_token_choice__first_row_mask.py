import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids[0] != pad_token_id).to(logits.dtype)[None, :, None]  # (1, num_tokens, 1)
    return (logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)


EXPECTED_CAUSE = "FIRST message's padding mask"
