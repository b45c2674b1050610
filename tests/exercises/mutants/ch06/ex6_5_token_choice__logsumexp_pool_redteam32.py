# MUTANT: 'mean' as logsumexp over the real tokens minus log(count), a smooth max pooling
"""Exercise 6.5 (solution): classify from the last, the first or the mean token.

Its "first" option is book exercise 6.3.
"""


def select_logits(logits, input_ids, token, pad_token_id=50256):
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
    import torch

    masked = logits.masked_fill(mask == 0, float('-inf'))
    return torch.logsumexp(masked, dim=1) - mask.sum(dim=1).clamp(min=1).log()

EXPECTED_CAUSE = "between the mean and the MAX"
