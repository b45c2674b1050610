# MUTANT: empty lists skipped (an if-filter in the comprehension): an empty message gets no row
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length]))
            for ids in encoded_texts if ids]
    return torch.tensor(rows, dtype=torch.long)

EXPECTED_CAUSE = "the empty lists were skipped"
