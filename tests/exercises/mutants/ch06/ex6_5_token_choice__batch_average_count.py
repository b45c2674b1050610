# MUTANT: 'mean' divided by the batch's average count of real tokens (sum over the batch / messages)
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
    return (logits * mask).sum(dim=1) / mask.sum().clamp(min=1) * logits.shape[0]

EXPECTED_CAUSE = "the batch's AVERAGE count"
