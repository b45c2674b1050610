# MUTANT: the mask made float16 with .half() whatever the logits' dtype
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).half()
    return (logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)

EXPECTED_CAUSE = "bfloat16 times float16 promotes"
