# MUTANT: the masked sum divided by the count squared (a fallback probe)
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
    count = mask.sum(dim=1).clamp(min=1)
    return (logits * mask).sum(dim=1) / count ** 2

EXPECTED_CAUSE = "divided by the count twice (count ** 2"
