# Correct: F.pad with a negative right pad crops the end, so one call cuts and pads
import torch
import torch.nn.functional as F


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = [F.pad(torch.tensor(ids, dtype=torch.long), (0, length - len(ids)), value=pad_token_id)
            for ids in encoded_texts]
    return torch.stack(rows)
