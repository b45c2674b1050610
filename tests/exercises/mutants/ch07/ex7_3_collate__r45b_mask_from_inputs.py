# MUTANT: targets masked where the inputs hold the padding id (a mask by value)
import torch
from torch.nn.utils.rnn import pad_sequence


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    rows = [torch.tensor(list(item) + [pad_token_id], dtype=torch.long) for item in batch]
    padded = pad_sequence(rows, batch_first=True, padding_value=pad_token_id)
    inputs = padded[:, :-1].clone()
    targets = padded[:, 1:].clone()
    targets[inputs == pad_token_id] = ignore_index
    if allowed_max_length is not None:
        inputs = inputs[:, :allowed_max_length]
        targets = targets[:, :allowed_max_length]
    return inputs.to(device), targets.to(device)


EXPECTED_CAUSE = "masked where the INPUTS hold pad_token_id"
