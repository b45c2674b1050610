# MUTANT: the mean also skips id 0 ((ids != pad) & (ids != 0)), a real token with pad 50256
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    keep = (input_ids != pad_token_id) & (input_ids != 0)
    mask = keep.unsqueeze(-1).to(logits.dtype)
    return (logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)


EXPECTED_CAUSE = 'a real token with id 0 was taken as padding'
