import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = torch.zeros_like(input_ids, dtype=logits.dtype)
    mask[:, :-1] = (input_ids[:, 1:] != pad_token_id).to(logits.dtype)
    mask = mask.unsqueeze(-1)
    return (logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)


EXPECTED_CAUSE = "the mask is shifted one position"
