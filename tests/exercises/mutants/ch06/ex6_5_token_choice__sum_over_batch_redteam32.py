# MUTANT: the masked sum taken over dim 0 (the batch) too, then divided by each message's count
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
    total = (logits * mask).sum(dim=0).sum(dim=0, keepdim=True)
    return total / mask.sum(dim=1).clamp(min=1)

EXPECTED_CAUSE = "the sum also ran over dim 0"
