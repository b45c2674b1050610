# MUTANT: "mean" zeroes the padding in the caller's logits
"""Exercise 6.5 (solution): classify from the last, the first or the mean token."""


def select_logits(logits, input_ids, token, pad_token_id=50256):
    """Reduce ``(batch, num_tokens, num_classes)`` logits to ``(batch, num_classes)``.

    "last" and "first" pick one position; "mean" averages over the positions whose
    ``input_ids`` are not ``pad_token_id``.
    """
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)  # (batch, num_tokens, 1)
    logits *= mask
    return logits.sum(dim=1) / mask.sum(dim=1).clamp(min=1)


EXPECTED_CAUSE = 'in place'
