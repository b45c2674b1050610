import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    cleaned = [[t for t in ids if t != pad_token_id] for ids in encoded_texts]
    if context == "longest":
        length = min(max(len(ids) for ids in cleaned), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    rows = [ids[:length] + [pad_token_id] * (length - len(ids[:length])) for ids in cleaned]
    return torch.tensor(rows, dtype=torch.long)


EXPECTED_CAUSE = 'were dropped from the lists before padding'
