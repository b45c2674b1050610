# Correct: masked_fill(~mask, 0) then sum / count, count in float32 then cast back
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    is_pad = (input_ids == pad_token_id).unsqueeze(-1)  # (batch, num_tokens, 1)
    summed = logits.masked_fill(is_pad, 0).sum(dim=1)
    count = (~is_pad).sum(dim=1).float().clamp(min=1.0)
    return (summed / count).to(logits.dtype)
