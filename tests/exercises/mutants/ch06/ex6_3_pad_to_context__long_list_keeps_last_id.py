# MUTANT: a long list keeps its first length - 1 ids plus its last id (the fallback names the cut)
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
        if len(ids) > length:
            ids = ids[:length - 1] + ids[-1:]
        rows.append(ids + [pad_token_id] * (length - len(ids)))
    return torch.tensor(rows, dtype=torch.long)

EXPECTED_CAUSE = "only the rows of lists longer than the length"
