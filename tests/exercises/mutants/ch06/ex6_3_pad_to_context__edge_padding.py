# MUTANT: short lists padded by repeating their last id (edge padding)
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
        row = ids[:length]
        fill = row[-1] if row else pad_token_id
        rows.append(row + [fill] * (length - len(row)))
    return torch.tensor(rows, dtype=torch.long)

EXPECTED_CAUSE = "the message's last id (7) repeated"
