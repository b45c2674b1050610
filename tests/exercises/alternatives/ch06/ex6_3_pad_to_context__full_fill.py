# Correct: isinstance check first, torch.full then row slices filled in a loop with enumerate
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if isinstance(context, int):
        length = context
    elif context == "model":
        length = context_length
    elif context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    else:
        raise ValueError(f"unknown context {context!r}")
    out = torch.full((len(encoded_texts), length), pad_token_id, dtype=torch.long)
    for i, ids in enumerate(encoded_texts):
        kept = ids[:length]
        out[i, : len(kept)] = torch.tensor(kept, dtype=torch.long)
    return out
