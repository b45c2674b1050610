import torch
from torch.nn.utils.rnn import pad_sequence


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    seqs = [torch.tensor(ids, dtype=torch.long) for ids in encoded_texts]
    return pad_sequence(seqs, batch_first=True, padding_value=pad_token_id)[:, :length]


EXPECTED_CAUSE = "no row grows past the longest list"
