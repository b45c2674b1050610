# MUTANT: pad_token_id or 50256 turns a padding id of 0 into 50256
import torch

EXPECTED_CAUSE = "0 is falsy"

def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    pad = pad_token_id or 50256
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = [ids[:length] + [pad] * (length - len(ids[:length])) for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)
