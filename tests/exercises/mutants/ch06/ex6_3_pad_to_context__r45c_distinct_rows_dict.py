# MUTANT: rows memoised in a dict keyed by the list, its values stacked (identical lists merged)
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    padded = {}
    for ids in encoded_texts:
        key = tuple(ids)
        if key not in padded:
            cut = list(ids[:length])
            padded[key] = cut + [pad_token_id] * (length - len(cut))
    return torch.tensor(list(padded.values()), dtype=torch.long)

EXPECTED_CAUSE = "identical lists were merged into one row"
