# MUTANT: a default pad_token_id of None (input_ids != None is a plain bool)

def select_logits(logits, input_ids, token, pad_token_id=None):
    """Reduce ``(batch, num_tokens, num_classes)`` logits to ``(batch, num_classes)``.

    "last" and "first" pick one position; "mean" averages over the positions whose
    ``input_ids`` are not ``pad_token_id`` (a message of padding only gives 0). ``logits`` is
    left unchanged.
    """
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)  # (batch, num_tokens, 1)
    return (logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)

EXPECTED_CAUSE = 'default pad_token_id is not 50256'
