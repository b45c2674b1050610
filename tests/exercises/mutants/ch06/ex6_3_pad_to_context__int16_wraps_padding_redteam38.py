# MUTANT: the rows built in int16 (50256 wraps to -15280), then made long
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    out = torch.full((len(encoded_texts), length), pad_token_id, dtype=torch.int32)
    for i, ids in enumerate(encoded_texts):
        ids = ids[:length]
        out[i, :len(ids)] = torch.tensor(ids, dtype=torch.int32)
    return out.to(torch.int16).long()

EXPECTED_CAUSE = "wrapped around in int16"
