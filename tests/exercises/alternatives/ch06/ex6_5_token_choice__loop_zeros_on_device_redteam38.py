# Correct: a loop over messages; a message of padding only gets zeros made on the logits' device
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    rows = []
    for i in range(logits.shape[0]):
        real = input_ids[i] != pad_token_id
        if real.any():
            rows.append(logits[i][real].sum(dim=0) / real.sum())
        else:
            rows.append(torch.zeros(logits.shape[-1], dtype=logits.dtype, device=logits.device))
    return torch.stack(rows)
