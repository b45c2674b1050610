# MUTANT: the options compared with is instead of == (a string built at run time fails)

def select_logits(logits, input_ids, token, pad_token_id=50256):
    """Reduce ``(batch, num_tokens, num_classes)`` logits to ``(batch, num_classes)``.

    "last" and "first" pick one position; "mean" averages over the positions whose
    ``input_ids`` are not ``pad_token_id`` (a message of padding only gives 0). ``logits`` is
    left unchanged.
    """
    if token is "last":  # noqa: F632
        return logits[:, -1, :]
    if token is "first":  # noqa: F632
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)  # (batch, num_tokens, 1)
    return (logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)

EXPECTED_CAUSE = 'compares the option with `is`'
