# MUTANT: "longest" uncapped; only the cut uses context_length (rows padded past it)
import torch

EXPECTED_CAUSE = "is the longest list's length here"


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = max(len(ids) for ids in encoded_texts)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    keep = min(length, context_length) if context == "longest" else length
    rows = [ids[:keep] + [pad_token_id] * (length - len(ids[:keep])) for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)
