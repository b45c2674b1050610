# Correct: (logits * mask).mean(1) * num_tokens / count: the same average (float rounding only)
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
    num_tokens = logits.shape[1]
    return (logits * mask).mean(dim=1) * num_tokens / mask.sum(dim=1).clamp(min=1)
