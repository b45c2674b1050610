# MUTANT: every list padded by length ids, then cut to its LAST length ids (as
# generate_text_simple crops): a short list is pushed out by its own padding
import torch

EXPECTED_CAUSE = "cut to its last"


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = [(list(ids) + [pad_token_id] * length)[-length:] if length else []
            for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)
