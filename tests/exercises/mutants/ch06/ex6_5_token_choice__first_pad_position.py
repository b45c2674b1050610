# MUTANT: averages the positions before the first padding id (argmax of the pad mask): no padding
# -> 0 positions
def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    first_pad = (input_ids == pad_token_id).int().argmax(dim=1)  # (batch,)
    rows = []
    for b in range(logits.shape[0]):
        n = int(first_pad[b])
        rows.append(logits[b, :n].sum(dim=0) / max(n, 1))
    import torch
    return torch.stack(rows)


EXPECTED_CAUSE = 'before the FIRST padding id'
