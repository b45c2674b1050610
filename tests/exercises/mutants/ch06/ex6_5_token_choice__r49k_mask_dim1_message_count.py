# MUTANT: mask unsqueezed at dim 1, with a right per-message count
"""Exercise 6.5: classify from the last, the first or the mean token."""


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    mask = (input_ids != pad_token_id).to(logits.dtype)
    summed = (logits * mask.unsqueeze(1)).sum(dim=1)
    return summed / mask.sum(dim=1, keepdim=True).clamp(min=1)


EXPECTED_CAUSE = "the mask was unsqueezed at dim 1"
