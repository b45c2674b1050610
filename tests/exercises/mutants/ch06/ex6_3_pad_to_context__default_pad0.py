# MUTANT: default pad_token_id is 0 instead of 50256 (the given id is used when passed)
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=0):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)


EXPECTED_CAUSE = 'default pad_token_id pads with 0'
