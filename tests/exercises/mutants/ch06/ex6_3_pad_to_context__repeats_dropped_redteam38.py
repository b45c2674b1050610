# MUTANT: repeated ids dropped from each list (dict.fromkeys); named by the fallback
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    cleaned = [list(dict.fromkeys(ids)) for ids in encoded_texts]
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in cleaned]
    return torch.tensor(rows, dtype=torch.long)

EXPECTED_CAUSE = "each missing id is a repeat"
