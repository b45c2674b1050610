# MUTANT: the outer list of lists cut to the length (encoded_texts[:length]) instead of each list
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = context
    rows = [list(ids) for ids in encoded_texts[:length]]  # keep the first `length` ids
    for row in rows:
        row.extend([pad_token_id] * (length - len(row)))
    return torch.tensor(rows, dtype=torch.long)


EXPECTED_CAUSE = 'the outer list was cut'
