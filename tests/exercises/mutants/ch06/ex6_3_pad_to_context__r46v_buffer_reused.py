# MUTANT: one output tensor per shape cached and refilled in place on every call
import torch

_BUFFERS = {}


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    key = (len(encoded_texts), length)
    if key not in _BUFFERS:
        _BUFFERS[key] = torch.empty(key, dtype=torch.long)
    out = _BUFFERS[key]
    out.fill_(pad_token_id)
    for i, ids in enumerate(encoded_texts):
        ids = ids[:length]
        out[i, :len(ids)] = torch.tensor(ids, dtype=torch.long)
    return out


EXPECTED_CAUSE = 'reuses one output tensor between calls'
