# MUTANT: the loop stops one early (range(len(encoded_texts) - 1)): the last list gets no row
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = []
    for i in range(len(encoded_texts) - 1):
        ids = encoded_texts[i][:length]
        rows.append(ids + [pad_token_id] * (length - len(ids)))
    return torch.tensor(rows, dtype=torch.long)

EXPECTED_CAUSE = "the rows of lists [2] are missing: make exactly one row per list"
