# MUTANT: the "longest" length is cached in a module global: a second call reuses the first call's
# length
import torch

_LONGEST = None


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    global _LONGEST
    if context == "longest":
        if _LONGEST is None:
            _LONGEST = max(len(ids) for ids in encoded_texts)
        length = min(_LONGEST, context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)


EXPECTED_CAUSE = "keeps the first call's length"
