# MUTANT: the result made with torch.empty; each list's ids copied in, the padding never written
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    out = torch.empty((len(encoded_texts), length), dtype=torch.long)
    for i, ids in enumerate(encoded_texts):
        ids = ids[:length]
        out[i, :len(ids)] = torch.tensor(ids, dtype=torch.long)
    return out


EXPECTED_CAUSE = "were never written"
