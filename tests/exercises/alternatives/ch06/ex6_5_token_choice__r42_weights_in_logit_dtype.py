# Correct: the mean as a weighted sum, weights mask / count in the logits' dtype
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).to(logits.dtype)
    count = mask.sum(dim=1, keepdim=True).clamp(min=1)
    weights = (mask / count).unsqueeze(-1)
    return (logits * weights).sum(dim=1)
