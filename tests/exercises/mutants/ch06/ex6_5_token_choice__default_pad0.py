# MUTANT: default pad_token_id is 0 instead of 50256
def select_logits(logits, input_ids, token, pad_token_id=0):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
    return (logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)


EXPECTED_CAUSE = 'default pad_token_id is not 50256'
