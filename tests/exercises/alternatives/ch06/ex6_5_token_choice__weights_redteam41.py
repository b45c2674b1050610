# Correct: weights mask / count first, then the weighted sum (same mean, rounded in another order)
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).to(logits.dtype)
    weights = mask / mask.sum(dim=1, keepdim=True).clamp(min=1)
    return (logits * weights.unsqueeze(-1)).sum(dim=1)
