# Correct: nn.utils.rnn.pad_sequence to the longest kept row, then F.pad up to the length
import torch
import torch.nn.functional as F
from torch.nn.utils.rnn import pad_sequence


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    match context:
        case "longest":
            length = min(max(len(ids) for ids in encoded_texts), context_length)
        case "model":
            length = context_length
        case _:
            length = int(context)
    rows = [torch.tensor(ids[:length], dtype=torch.long) for ids in encoded_texts]
    padded = pad_sequence(rows, batch_first=True, padding_value=pad_token_id)
    return F.pad(padded, (0, length - padded.shape[1]), value=pad_token_id)
