# MUTANT: "mean" averages the first n positions, as if padding came only at the end
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token == "last":
        return logits[:, -1, :]
    if token == "first":
        return logits[:, 0, :]
    counts = (input_ids != pad_token_id).sum(dim=1)
    rows = []
    for i, n in enumerate(counts.tolist()):
        if n == 0:
            rows.append(torch.zeros_like(logits[i, 0]))
        else:
            rows.append(logits[i, :n].mean(dim=0))
    return torch.stack(rows)


EXPECTED_CAUSE = 'first n positions'
