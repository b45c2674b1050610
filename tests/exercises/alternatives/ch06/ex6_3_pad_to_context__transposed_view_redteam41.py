# Correct: built column-wise by pad_sequence, returned as .T (right values, non-contiguous)
import torch
from torch.nn.utils.rnn import pad_sequence


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    cols = [torch.tensor(ids[:length] + [pad_token_id] * (length - len(ids[:length])),
                         dtype=torch.long)
            for ids in encoded_texts]
    return pad_sequence(cols, padding_value=pad_token_id).T
