# MUTANT: the instruction lengths kept in a torch.uint8 tensor, so for instruction_length 0
# the bound instruction_length - 1 wraps round to 255 and the whole row is masked
import torch

EXPECTED_CAUSE = "wrapped round to 255"


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    width = max(len(ids) for _, ids in batch) + 1
    rows = [list(ids) + [pad_token_id] * (width - len(ids)) for _, ids in batch]
    padded = torch.tensor(rows, dtype=torch.long)
    inputs, targets = padded[:, :-1], padded[:, 1:].clone()
    text_len = torch.tensor([len(ids) for _, ids in batch])
    prompt_len = torch.tensor([n for n, _ in batch], dtype=torch.uint8)
    pos = torch.arange(width - 1)
    targets[pos[None, :] >= text_len[:, None]] = ignore_index
    targets[pos[None, :] < (prompt_len - 1)[:, None]] = ignore_index
    if allowed_max_length is not None:
        inputs, targets = inputs[:, :allowed_max_length], targets[:, :allowed_max_length]
    return inputs.to(device), targets.to(device)
