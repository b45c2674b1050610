# A right answer: a long list is cut with a negative end index (ids[:-extra] keeps the first
# length ids), a short one padded by -extra ids.
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = []
    for ids in encoded_texts:
        extra = len(ids) - length
        rows.append(ids[:-extra] if extra > 0 else ids + [pad_token_id] * -extra)
    return torch.tensor(rows, dtype=torch.long)
