import torch


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256, rows=[]):  # noqa: B006
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    for ids in encoded_texts:
        rows.append(ids[:length] + [pad_token_id] * (length - len(ids[:length])))
    return torch.tensor(rows, dtype=torch.long)


EXPECTED_CAUSE = "keeps state between calls"
