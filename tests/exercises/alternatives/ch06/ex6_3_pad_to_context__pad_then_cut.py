# Correct: each row padded generously then cut: (ids + [pad] * length)[:length]
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "model":
        length = context_length
    elif context == "longest":
        length = min(context_length, max(map(len, encoded_texts)))
    else:
        length = int(context)
    return torch.tensor([(list(ids) + [pad_token_id] * length)[:length] for ids in encoded_texts],
                        dtype=torch.long)
