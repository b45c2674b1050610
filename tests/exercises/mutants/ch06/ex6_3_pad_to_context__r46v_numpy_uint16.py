# MUTANT: rows built in a numpy uint16 array (a padding id past 65,535 does not fit)
import numpy as np
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    out = np.full((len(encoded_texts), length), pad_token_id, dtype=np.uint16)
    for i, ids in enumerate(encoded_texts):
        out[i, :min(len(ids), length)] = ids[:length]
    return torch.from_numpy(out.astype(np.int64))


EXPECTED_CAUSE = 'uint16'
