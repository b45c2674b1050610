import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1)
    s = torch.where(mask, logits, torch.zeros(1)).sum(dim=1)
    return s / mask.sum(dim=1).clamp(min=1)


EXPECTED_CAUSE = "torch.where(mask, logits, torch.zeros(1))"
