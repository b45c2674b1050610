# Correct: the same rows built column by column and returned as a transposed (non-contiguous) view
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in encoded_texts]
    columns = [[row[j] for row in rows] for j in range(length)]
    return torch.tensor(columns, dtype=torch.long).reshape(length, len(rows)).T
