# MUTANT: the options compared with is instead of == (a string built at run time fails)
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context is "longest":  # noqa: F632
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context is "model":  # noqa: F632
        length = context_length
    else:
        length = int(context)
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)

EXPECTED_CAUSE = "compares the option with `is`"
