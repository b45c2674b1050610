# MUTANT: the count clamped at 2 (clamp(min=2)): a message of one real token is halved
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
    return (logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=2)


EXPECTED_CAUSE = "divided by 2 instead of the count 1"
