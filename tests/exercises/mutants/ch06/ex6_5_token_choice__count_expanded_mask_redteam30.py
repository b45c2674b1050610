# MUTANT: the count is summed over the mask expanded to the logits (positions x classes)
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).expand_as(logits).to(logits.dtype)
    count = mask.sum(dim=(1, 2)).clamp(min=1).unsqueeze(-1)
    return (logits * mask).sum(dim=1) / count


EXPECTED_CAUSE = "a mask expanded to the logits' shape"
