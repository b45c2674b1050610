import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = input_ids != pad_token_id
    batch, _, num_classes = logits.shape
    if not mask.any():
        return torch.zeros_like(logits[:, 0, :])
    return logits[mask].view(batch, -1, num_classes).mean(dim=1)


EXPECTED_CAUSE = 'regroups them across messages'
