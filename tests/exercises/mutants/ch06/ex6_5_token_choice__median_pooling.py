# MUTANT: 'mean' as the median of the real tokens' logits
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    rows = []
    for row, ids in zip(logits, input_ids):
        real = row[ids != pad_token_id]
        rows.append(real.median(dim=0).values if len(real) else torch.zeros_like(row[0]))
    return torch.stack(rows)

EXPECTED_CAUSE = "that is the median over the real tokens"
