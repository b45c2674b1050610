import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    rows = []
    for i in range(logits.shape[0]):
        real = logits[i][input_ids[i] != pad_token_id]
        rows.append(real.mean(dim=0) if len(real) else torch.zeros(logits.shape[-1]))
    return torch.stack(rows)


EXPECTED_CAUSE = "the value given to a message of padding only"
