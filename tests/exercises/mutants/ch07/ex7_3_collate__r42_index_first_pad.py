# MUTANT: the end of each text is found with padded.index(pad_token_id), so a text that itself
# holds the padding id is cut off there (masked from its own pad id on)
import torch


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    batch_max_length = max(len(item) + 1 for item in batch)
    inputs_lst, targets_lst = [], []
    for item in batch:
        padded = list(item) + [pad_token_id] * (batch_max_length - len(item))
        inputs = torch.tensor(padded[:-1])
        targets = torch.tensor(padded[1:])
        end = padded.index(pad_token_id)  # position of the end-of-text token
        targets[end:] = ignore_index
        if allowed_max_length is not None:
            inputs = inputs[:allowed_max_length]
            targets = targets[:allowed_max_length]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)

EXPECTED_CAUSE = "found by searching for pad_token_id"
