# MUTANT: the caller's outer list is sorted in place (longest first) to find the longest list
import torch

EXPECTED_CAUSE = "reordered the outer list it was given in place"


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    encoded_texts.sort(key=len, reverse=True)
    if context == "longest":
        length = min(len(encoded_texts[0]), context_length)
    elif context == "model":
        length = context_length
    else:
        length = context
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)
