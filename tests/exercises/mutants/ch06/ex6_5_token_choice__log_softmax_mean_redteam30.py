# MUTANT: averages log-probabilities (log_softmax over the classes) instead of the raw logits
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    logp = torch.log_softmax(logits, dim=-1)
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
    return (logp * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)


EXPECTED_CAUSE = 'you averaged log-probabilities'
