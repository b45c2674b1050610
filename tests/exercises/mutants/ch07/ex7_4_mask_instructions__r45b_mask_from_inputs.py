# MUTANT: padding masked where the inputs hold the padding id (a mask by value), prompt right
import torch
from torch.nn.utils.rnn import pad_sequence


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    rows = [torch.tensor(list(ids) + [pad_token_id], dtype=torch.long) for _, ids in batch]
    padded = pad_sequence(rows, batch_first=True, padding_value=pad_token_id)
    inputs = padded[:, :-1].clone()
    targets = padded[:, 1:].clone()
    targets[inputs == pad_token_id] = ignore_index
    for row, (instruction_length, _) in enumerate(batch):
        if instruction_length > 1:
            targets[row, : instruction_length - 1] = ignore_index
    if allowed_max_length is not None:
        inputs = inputs[:, :allowed_max_length]
        targets = targets[:, :allowed_max_length]
    return inputs.to(device), targets.to(device)


EXPECTED_CAUSE = "masked where the INPUTS hold pad_token_id"
