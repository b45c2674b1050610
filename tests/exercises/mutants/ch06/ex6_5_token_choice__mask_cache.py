_MASKS = {}


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    key = tuple(input_ids.shape)
    if key not in _MASKS:
        _MASKS[key] = (input_ids != pad_token_id).unsqueeze(-1)
    mask = _MASKS[key].to(logits.dtype)
    return (logits * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)


EXPECTED_CAUSE = "keeps state between calls"
