# MUTANT: result squeezed: a batch of one loses its batch dimension
"""Exercise 6.5 (solution): classify from the last, the first or the mean token."""


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :].squeeze()
    if token == "first":
        return logits[:, 0, :].squeeze()
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)  # (batch, num_tokens, 1)
    return ((logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)).squeeze()


EXPECTED_CAUSE = 'batch of one'
