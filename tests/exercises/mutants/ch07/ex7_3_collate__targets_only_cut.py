# MUTANT: allowed_max_length cuts the targets only (the inputs stay uncut)
import torch

EXPECTED_CAUSE = "cut the targets only"


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    width = max(len(item) + 1 for item in batch)
    ins, tgs = [], []
    for item in batch:
        padded = list(item) + [pad_token_id] * (width - len(item))
        inputs = torch.tensor(padded[:-1])
        targets = torch.tensor(padded[1:])
        targets[len(item):] = ignore_index
        if allowed_max_length is not None:
            targets = targets[:allowed_max_length]
        ins.append(inputs)
        tgs.append(targets)
    return torch.stack(ins).to(device), torch.stack(tgs).to(device)
