# MUTANT: an int length capped at GPT-2's 1,024 (min(int(context), 1024))
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = min(int(context), 1024)
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)

EXPECTED_CAUSE = "was capped at 1,024, GPT-2's context"
