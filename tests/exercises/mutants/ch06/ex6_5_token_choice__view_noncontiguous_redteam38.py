# MUTANT: the logits flattened with .view(-1, C), which raises for non-contiguous logits
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    batch, num_tokens, num_classes = logits.shape
    mask = (input_ids != pad_token_id).to(logits.dtype)
    flat = logits.view(-1, num_classes) * mask.reshape(-1, 1)
    summed = flat.view(batch, num_tokens, num_classes).sum(dim=1)
    return summed / mask.sum(dim=1, keepdim=True).clamp(min=1)

EXPECTED_CAUSE = "view() needs contiguous memory"
