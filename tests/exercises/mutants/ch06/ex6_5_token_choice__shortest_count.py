def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    n = int((input_ids != pad_token_id).sum(dim=1).min().clamp(min=1))
    return logits[:, :n, :].mean(dim=1)

EXPECTED_CAUSE = "SHORTEST message's real-token count"
