# MUTANT: position 0 counted twice in the mean (added again to the sum and the count)
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
    total = (logits * mask).sum(dim=1) + logits[:, 0, :] * mask[:, 0, :]
    return total / (mask.sum(dim=1) + mask[:, 0, :]).clamp(min=1)


EXPECTED_CAUSE = "position 0 counted 2 times"
