# MUTANT: one row tensor filled for each message, then stacked n times (all rows the last)
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    row = torch.full((length,), pad_token_id, dtype=torch.long)
    for ids in encoded_texts:
        row.fill_(pad_token_id)
        kept = ids[:length]
        row[:len(kept)] = torch.tensor(kept, dtype=torch.long)
    return torch.stack([row] * len(encoded_texts))


EXPECTED_CAUSE = 'the rows are one object shown several times'
