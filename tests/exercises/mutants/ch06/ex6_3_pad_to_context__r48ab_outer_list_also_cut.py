# MUTANT: each list cut right, but the outer list cut to the length too (encoded_texts[:length])
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = context
    kept = encoded_texts[:length]
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in kept]
    return torch.tensor(rows, dtype=torch.long)


EXPECTED_CAUSE = 'the outer list was cut'
