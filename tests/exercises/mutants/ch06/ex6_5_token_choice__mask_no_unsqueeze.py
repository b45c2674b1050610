def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).to(logits.dtype)  # (batch, num_tokens): no last dim
    return (logits * mask).sum(dim=1) / mask.sum(dim=1, keepdim=True).clamp(min=1)


EXPECTED_CAUSE = "give it a last dimension"
