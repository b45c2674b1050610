# MUTANT: an int context is treated as "longest" (only "model" is special-cased)
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "model":
        length = context_length
    else:
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)


EXPECTED_CAUSE = "handled like 'longest'"
