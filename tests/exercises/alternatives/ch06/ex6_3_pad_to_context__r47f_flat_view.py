# Correct: every row appended to one flat list, then viewed as (n, length) (a view of 0 elements
# with -1 works for empty rows)
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    flat = []
    for ids in encoded_texts:
        row = ids[:length]
        flat.extend(row + [pad_token_id] * (length - len(row)))
    return torch.tensor(flat, dtype=torch.long).view(len(encoded_texts), -1)
