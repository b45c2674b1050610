# MUTANT: one row list made once and reused: every row is the same object (the last message)
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    row = [pad_token_id] * length
    rows = []
    for ids in encoded_texts:
        row[:] = [pad_token_id] * length
        row[:min(len(ids), length)] = ids[:length]
        rows.append(row)
    return torch.tensor(rows, dtype=torch.long)


EXPECTED_CAUSE = 'every row is the same, the row of list 2 (the LAST list)'
