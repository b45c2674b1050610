# MUTANT: padding set to NaN and nanmean used: a message of padding only gives NaN instead of 0
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    pad = (input_ids == pad_token_id).unsqueeze(-1)
    return torch.nanmean(logits.masked_fill(pad, float("nan")), dim=1)


EXPECTED_CAUSE = 'torch.nanmean'
