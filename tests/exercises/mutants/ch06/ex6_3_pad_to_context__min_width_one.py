# MUTANT: length guarded with max(..., 1) so a batch of empty messages gets one padding column
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = max(min(max(len(ids) for ids in encoded_texts), context_length), 1)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)


EXPECTED_CAUSE = 'the length is 0, not 1'
