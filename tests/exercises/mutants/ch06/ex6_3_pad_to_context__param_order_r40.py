# MUTANT: context_length and pad_token_id swapped in the signature (a call by position)
import torch


def pad_batch(encoded_texts, context="longest", pad_token_id=50256, context_length=1024):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)


EXPECTED_CAUSE = "not in the stub's order"
