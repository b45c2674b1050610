# MUTANT: 'mean' returns the log of the averaged probabilities; named by the fallback
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
    probs = (logits.softmax(dim=-1) * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)
    return torch.log(probs.clamp(min=1e-9))

EXPECTED_CAUSE = "Every row of yours is log-probabilities"
