import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    longest = max(len(ids) for ids in encoded_texts)
    if context == "longest":
        length = min(longest, context_length)
    elif context == "model":
        length = max(context_length, longest)
    else:
        length = int(context)
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in encoded_texts]
    return torch.tensor(rows, dtype=torch.long)


EXPECTED_CAUSE = "'model' went past context_length"
