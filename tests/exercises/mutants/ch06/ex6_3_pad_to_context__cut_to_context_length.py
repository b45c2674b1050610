# MUTANT: lists cut to context_length instead of the chosen length (an int shorter than a list
# overflows)
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
        cut = ids[:context_length]
        rows.append((cut + [pad_token_id] * (length - len(cut)))[:length])
    return torch.tensor(rows, dtype=torch.long)


EXPECTED_CAUSE = 'cut to context_length (8), not to the length'
