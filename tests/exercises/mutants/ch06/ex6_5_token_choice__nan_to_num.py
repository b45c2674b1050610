# MUTANT: 0/0 for a padding-only message turned into 0 by nan_to_num: the gradient is still NaN
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
    return torch.nan_to_num((logits * mask).sum(dim=1) / mask.sum(dim=1), nan=0.0)


EXPECTED_CAUSE = 'still sends NaN back through the division'
