# MUTANT: weights made as bool mask / long count (true division of integers: float32),
# so float16 logits come back float32
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1)
    weights = mask / mask.sum(dim=1, keepdim=True).clamp(min=1)
    return (logits * weights).sum(dim=1)

EXPECTED_CAUSE = "divides two integer or bool tensors"
