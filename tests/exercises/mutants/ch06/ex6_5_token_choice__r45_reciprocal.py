# MUTANT: the mean divides the count by the masked sum (count / sum, upside down)
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
    total = (logits * mask).sum(dim=1)
    count = mask.sum(dim=1).clamp(min=1)
    return count / total

EXPECTED_CAUSE = "the division is upside down"
