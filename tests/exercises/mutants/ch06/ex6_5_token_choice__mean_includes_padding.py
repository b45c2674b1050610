# MUTANT: "mean" averages over the padding positions too
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
    return logits.mean(dim=1)


EXPECTED_CAUSE = 'averaged over the padding'
