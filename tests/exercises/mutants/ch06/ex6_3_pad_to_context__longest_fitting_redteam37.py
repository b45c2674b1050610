# MUTANT: 'longest' is the longest list that fits the context (longer lists ignored)
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        fitting = [len(ids) for ids in encoded_texts if len(ids) <= context_length]
        length = max(fitting) if fitting else context_length
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)

EXPECTED_CAUSE = "left out the lists longer than context_length"
