# MUTANT: the cut made with Tensor.narrow(1, 0, allowed_max_length), which raises when the
# batch is narrower than allowed_max_length (nothing to cut)
import torch

EXPECTED_CAUSE = "nothing to cut"


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    prompt = [n for n, _ in batch]
    batch = [ids for _, ids in batch]
    width = max(len(item) for item in batch) + 1
    rows = [list(item) + [pad_token_id] * (width - len(item)) for item in batch]
    padded = torch.tensor(rows, dtype=torch.long)
    inputs, targets = padded[:, :-1], padded[:, 1:].clone()
    lengths = torch.tensor([len(item) for item in batch])
    pos = torch.arange(width - 1)
    targets[pos[None, :] >= lengths[:, None]] = ignore_index
    targets[pos[None, :] < (torch.tensor(prompt) - 1)[:, None]] = ignore_index
    if allowed_max_length is not None:
        inputs = inputs.narrow(1, 0, allowed_max_length)
        targets = targets.narrow(1, 0, allowed_max_length)
    return inputs.to(device), targets.to(device)
