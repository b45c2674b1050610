import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).float()  # (batch, num_tokens)
    weights = mask / mask.sum(dim=1, keepdim=True).clamp(min=1)
    return torch.einsum("bt,btc->bc", weights, logits)


EXPECTED_CAUSE = 'in an operation that needs ONE dtype'
