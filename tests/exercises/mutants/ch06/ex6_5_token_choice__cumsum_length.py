import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    lengths = (input_ids != pad_token_id).sum(dim=1)  # (batch,)
    csum = logits.cumsum(dim=1)
    last = (lengths - 1).clamp(min=0)
    picked = csum[torch.arange(logits.shape[0]), last]  # (batch, num_classes)
    return picked / lengths.clamp(min=1).unsqueeze(-1)


EXPECTED_CAUSE = 'through a cumulative sum read at position n - 1'
