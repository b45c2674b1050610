import torch

_LENGTHS = {}


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        key = len(encoded_texts)
        if key not in _LENGTHS:
            _LENGTHS[key] = min(max(len(ids) for ids in encoded_texts), context_length)
        length = _LENGTHS[key]
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)


EXPECTED_CAUSE = "keeps state between calls"
