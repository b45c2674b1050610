# MUTANT: the padding id taken from each message's last id, not pad_token_id
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    pad = input_ids[:, -1:]
    mask = (input_ids != pad).unsqueeze(-1).to(logits.dtype)
    return (logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)


EXPECTED_CAUSE = "read from each message's LAST id"
