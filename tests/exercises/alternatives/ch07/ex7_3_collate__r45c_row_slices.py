# Correct: inputs and targets sliced from one padded row, the targets cloned before masking
"""Exercise 7.3 (solution): the collate function that pads, shifts and masks.

This exercise is ours; the book has no exercise on it.

Check it with ``python -m llmscratch check ch07 --solutions``.
"""

import torch


def custom_collate_fn(batch, pad_token_id=50256, ignore_index=-100, allowed_max_length=None,
                      device="cpu"):
    """Turn a list of token-id lists into ``(inputs, targets)`` tensors of equal width.

    1. Append one ``pad_token_id`` (the end-of-text token) to every sequence and pad them all
       with it to the longest such length.
    2. ``inputs`` are the padded sequences without their last token; ``targets`` the same
       sequences without their first token (shifted left by one).
    3. In ``targets``, keep the first end-of-text token after each sequence (the model must
       learn to stop) and replace every later padding position by ``ignore_index``.
    4. Cut both to ``allowed_max_length`` columns when it is given; stack and move to ``device``.

    Example: ``[[1, 2, 3], [4, 5]]`` gives inputs ``[[1, 2, 3], [4, 5, 50256]]`` and targets
    ``[[2, 3, 50256], [5, 50256, -100]]``.
    """
    batch_max_length = max(len(item) + 1 for item in batch)
    inputs_lst, targets_lst = [], []
    for item in batch:
        new_item = list(item) + [pad_token_id]
        padded = new_item + [pad_token_id] * (batch_max_length - len(new_item))
        row = torch.tensor(padded)
        inputs = row[:-1]
        targets = row[1:].clone()
        targets[len(item):] = ignore_index  # padding after the first end-of-text token
        if allowed_max_length is not None:
            inputs = inputs[:allowed_max_length]
            targets = targets[:allowed_max_length]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)
