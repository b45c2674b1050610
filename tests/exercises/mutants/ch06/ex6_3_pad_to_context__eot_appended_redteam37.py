# MUTANT: an end-of-text id 50256 appended to every message before padding
import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = []
    for ids in encoded_texts:
        seq = (ids + [50256])[:length]
        rows.append(seq + [pad_token_id] * (length - len(seq)))
    return torch.tensor(rows, dtype=torch.long)

EXPECTED_CAUSE = "an end-of-text id 50256 was put after each message"
