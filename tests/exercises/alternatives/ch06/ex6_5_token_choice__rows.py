# Correct: a loop over messages, each averaging its real rows with .mean(), zeros when none
import torch


def select_logits(logits, input_ids, token, pad_token_id=50256):
    if token in ("last", "first"):
        return logits[:, -1 if token == "last" else 0, :]
    out = []
    for row_logits, row_ids in zip(logits, input_ids):
        real = row_logits[row_ids != pad_token_id]  # (num_real, num_classes)
        out.append(real.mean(dim=0) if len(real) else torch.zeros_like(row_logits[0]))
    return torch.stack(out)
