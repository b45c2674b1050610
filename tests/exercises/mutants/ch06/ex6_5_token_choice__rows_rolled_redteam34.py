# MUTANT: 'mean' rows rolled by one message over the batch
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
    return torch.roll((logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1), 1, dims=0)

EXPECTED_CAUSE = 'the right result of ANOTHER message'
