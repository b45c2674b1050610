# MUTANT: the count clamped to 1e-9: 0 in float16, so a padding-only row gives NaN
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)  # (batch, num_tokens, 1)
    return (logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)


EXPECTED_CAUSE = 'tiny clamp'
