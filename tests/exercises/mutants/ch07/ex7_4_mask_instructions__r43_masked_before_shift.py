# MUTANT: the prompt is masked in the padded row before the shift (inputs masked too)
import torch


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    width = max(len(ids) + 1 for _, ids in batch)
    rows_in, rows_tg = [], []
    for n_prompt, ids in batch:
        padded = list(ids) + [pad_token_id] * (width - len(ids))
        if n_prompt > 1:
            padded[: n_prompt - 1] = [ignore_index] * (n_prompt - 1)
        inputs = torch.tensor(padded[:-1])
        targets = torch.tensor(padded[1:])
        targets[len(ids):] = ignore_index
        if allowed_max_length is not None:
            inputs, targets = inputs[:allowed_max_length], targets[:allowed_max_length]
        rows_in.append(inputs)
        rows_tg.append(targets)
    return torch.stack(rows_in).to(device), torch.stack(rows_tg).to(device)


EXPECTED_CAUSE = "the prompt was masked in the padded row before the shift"
