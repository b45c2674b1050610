# MUTANT: an int length of 0 taken as no length (if not length) and padded to the longest list
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    length = None
    if context == "model":
        length = context_length
    elif context != "longest":
        length = int(context)
    if not length:
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)


EXPECTED_CAUSE = "0 is falsy"
