def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    pad = (input_ids == pad_token_id).unsqueeze(-1).to(logits.dtype)
    count = (1 - pad).sum(dim=1).clamp(min=1)
    return (logits.sum(dim=1) - (logits * pad).sum(dim=1)) / count


EXPECTED_CAUSE = 'the sum of EVERY position minus the padding'
