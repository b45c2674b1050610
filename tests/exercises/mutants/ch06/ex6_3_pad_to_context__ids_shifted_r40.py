# MUTANT: every real id shifted by one (ids + 1): no replay matches, the fallback names the shift
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = [[i + 1 for i in ids[:length]] + [pad_token_id] * (length - len(ids[:length]))
            for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)


EXPECTED_CAUSE = "the ids were shifted"
