# Correct: pad_sequence for the padding, targets padded with ignore_index then the first pad
# restored
import torch
from torch.nn.utils.rnn import pad_sequence


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    seqs = [torch.tensor(list(item) + [pad_token_id], dtype=torch.long) for item in batch]
    inputs = pad_sequence([s[:-1] for s in seqs], batch_first=True, padding_value=pad_token_id)
    targets = pad_sequence([s[1:] for s in seqs], batch_first=True, padding_value=ignore_index)
    # both (batch, longest item): the shorter rows' inputs end in end-of-text padding, their
    # targets keep the one end-of-text token of each item and then ignore_index
    if allowed_max_length is not None:
        inputs, targets = inputs[:, :allowed_max_length], targets[:, :allowed_max_length]
    return inputs.to(device), targets.to(device)
