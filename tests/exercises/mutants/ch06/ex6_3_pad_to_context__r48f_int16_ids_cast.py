# MUTANT: each list copied into the long result as a tensor cast to int16: message ids past 32,767
# wrap around
import torch

EXPECTED_CAUSE = "wrapped around in int16"


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    out = torch.full((len(encoded_texts), length), pad_token_id, dtype=torch.long)
    for i, ids in enumerate(encoded_texts):
        ids = ids[:length]
        out[i, :len(ids)] = torch.tensor(ids).to(torch.int16)  # small ids, small dtype
    return out
