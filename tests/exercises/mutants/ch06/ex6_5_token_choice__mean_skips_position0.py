import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    total = torch.zeros_like(logits[:, 0, :])
    count = torch.zeros(logits.shape[0], 1, dtype=logits.dtype)
    for t in range(1, logits.shape[1]):
        real = (input_ids[:, t] != pad_token_id).unsqueeze(-1).to(logits.dtype)
        total = total + logits[:, t, :] * real
        count = count + real
    return total / count.clamp(min=1)


EXPECTED_CAUSE = "position 0 is left out of the mean"
