# MUTANT: mean(dim=1) rescaled by logits.shape[-1] (the classes), not the positions, then / count
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)
    count = mask.sum(dim=1).clamp(min=1)
    return (logits * mask).mean(dim=1) * logits.shape[-1] / count

EXPECTED_CAUSE = "by logits.shape[-1], the number of CLASSES"
