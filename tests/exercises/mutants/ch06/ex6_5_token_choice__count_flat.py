def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    keep = (input_ids != pad_token_id).to(logits.dtype)  # (b, t)
    total = (logits * keep.unsqueeze(-1)).sum(dim=1)
    return total / keep.sum(dim=1).clamp(min=1)


EXPECTED_CAUSE = "count has shape (batch,)"
