# MUTANT: each list copied into the long result through an int16 tensor: GPT-2's ids past 32,767
# overflow
import torch

EXPECTED_CAUSE = "int16 without overflow"


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
        out[i, :len(ids)] = torch.tensor(ids, dtype=torch.int16)
    return out
