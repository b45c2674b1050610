# MUTANT: every option's result cast with .float() (float32 out for float16 logits, 'last' too)
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        out = logits[:, -1, :]
    elif token == "first":
        out = logits[:, 0, :]
    else:
        mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
        out = (logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)
    return out.float()

EXPECTED_CAUSE = "the result itself was cast"
