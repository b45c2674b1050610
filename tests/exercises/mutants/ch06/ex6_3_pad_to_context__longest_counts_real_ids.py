import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":  # counts only the ids that are not padding
        longest = max(sum(i != pad_token_id for i in ids) for ids in encoded_texts)
        length = min(longest, context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)


EXPECTED_CAUSE = "counted only the ids that differ from pad_token_id"
