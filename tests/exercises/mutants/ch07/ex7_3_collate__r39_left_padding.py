# MUTANT: the padding goes on the left (as for generation), the text and its end-of-text last
import torch


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    batch_max_length = max(len(item) + 1 for item in batch)
    inputs_lst, targets_lst = [], []
    for item in batch:
        n_pad = batch_max_length - len(item) - 1
        padded = [pad_token_id] * n_pad + list(item) + [pad_token_id]
        inputs = torch.tensor(padded[:-1])
        targets = torch.tensor(padded[1:])
        targets[:n_pad] = ignore_index
        if n_pad:
            targets[n_pad - 1] = ignore_index
        if allowed_max_length is not None:
            inputs = inputs[:allowed_max_length]
            targets = targets[:allowed_max_length]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)


EXPECTED_CAUSE = "padding on the left"
