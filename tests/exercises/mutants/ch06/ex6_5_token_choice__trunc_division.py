import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1)
    total = (logits * mask).sum(dim=1)
    return torch.div(total, mask.sum(dim=1).clamp(min=1), rounding_mode="trunc")


EXPECTED_CAUSE = "rounding_mode='trunc'"
