# MUTANT: rows filled with out[i, :len(ids)]: lists longer than the length not cut
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    out = torch.full((len(encoded_texts), length), pad_token_id, dtype=torch.long)
    for i, ids in enumerate(encoded_texts):
        out[i, :len(ids)] = torch.tensor(ids, dtype=torch.long)
    return out


EXPECTED_CAUSE = 'works once the lists are cut'
