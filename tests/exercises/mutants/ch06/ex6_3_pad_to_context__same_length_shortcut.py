# MUTANT: lists of one length returned unchanged (a shortcut that skips the cut and padding)
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if len({len(ids) for ids in encoded_texts}) == 1:
        return torch.tensor(encoded_texts, dtype=torch.long)
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)

EXPECTED_CAUSE = "a shortcut for lists of one length"
