# MUTANT: 'longest' measured as the number of distinct ids of each list (len(set(ids)))
import torch

EXPECTED_CAUSE = "distinct ids"


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(set(ids)) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = []
    for ids in encoded_texts:
        row = list(ids[:length])
        rows.append(row + [pad_token_id] * (length - len(row)))
    return torch.tensor(rows, dtype=torch.long)
