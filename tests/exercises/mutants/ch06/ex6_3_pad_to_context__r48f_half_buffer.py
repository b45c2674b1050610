# MUTANT: the rows built in a float16 buffer and made long at the end: float16 rounds 50,256 to
# 50,240
import torch

EXPECTED_CAUSE = "rounded in float16"


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    out = torch.full((len(encoded_texts), length), pad_token_id, dtype=torch.float16)
    for i, ids in enumerate(encoded_texts):
        ids = ids[:length]
        out[i, :len(ids)] = torch.tensor(ids, dtype=torch.float16)
    return out.long()
