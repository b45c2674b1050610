# MUTANT: 'mean' over the first n positions, n the longest message's count (padding kept)
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    longest = int((input_ids != pad_token_id).sum(dim=1).max())
    return logits[:, :max(longest, 1), :].mean(dim=1)


EXPECTED_CAUSE = 'averaged over the positions that are real in ANY message'
