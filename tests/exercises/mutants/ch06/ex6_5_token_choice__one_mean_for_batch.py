def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    return logits[input_ids != pad_token_id].mean(dim=0)


EXPECTED_CAUSE = "ONE mean over the real tokens of the whole batch"
