# MUTANT: 'last' returns a softmax over the classes
"""Exercise 6.5 (solution): classify from the last, the first or the mean token."""


def select_logits(logits, input_ids, token, pad_token_id=50256):
    mask = (input_ids != pad_token_id).unsqueeze(-1).to(logits.dtype)  # (batch, num_tokens, 1)
    if token == "last":
        return logits[:, -1, :].softmax(dim=-1)
    if token == "first":
        return logits[:, 0, :]
    return (logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)


EXPECTED_CAUSE = "option returned probabilities"
