# MUTANT: pad_sequence, then F.pad to the length without value= (0s)
import torch
import torch.nn.functional as F
from torch.nn.utils.rnn import pad_sequence


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    if context == "longest":
        length = min(max(len(ids) for ids in encoded_texts), context_length)
    elif context == "model":
        length = context_length
    else:
        length = int(context)
    tensors = [torch.tensor(ids[:length], dtype=torch.long) for ids in encoded_texts]
    batch = pad_sequence(tensors, batch_first=True, padding_value=pad_token_id)
    if batch.shape[1] < length:
        batch = F.pad(batch, (0, length - batch.shape[1]))
    return batch

EXPECTED_CAUSE = 'a second padding step that widens the batch'
