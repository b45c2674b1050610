# MUTANT: the targets are built as int32 (the inputs stay int64)
"""Exercise 7.4 (solution): leave the instruction out of the loss (the book's exercise 7.2).

This is book exercise 7.2.

Check it with ``python -m llmscratch check ch07 --solutions``.
"""

import torch

EXPECTED_CAUSE = "refuses int32"


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    """Like ``custom_collate_fn``, but items are ``(instruction_length, token_ids)`` pairs and
    the targets that are prompt tokens are also set to ``ignore_index``.

    ``instruction_length`` counts the tokens of the prompt (instruction and input), which are
    the first tokens of ``token_ids``. Target ``t`` is token ``t + 1``, so the targets at
    positions ``0 .. instruction_length - 2`` are prompt tokens: mask exactly those. The rest
    (the response, the first end-of-text token, the -100 padding) is as in
    ``custom_collate_fn``. Example: ``[(2, [1, 2, 3, 4])]`` gives inputs ``[[1, 2, 3, 4]]`` and
    targets ``[[-100, 3, 4, 50256]]``.
    """
    batch_max_length = max(len(item) + 1 for _, item in batch)
    inputs_lst, targets_lst = [], []
    for instruction_length, item in batch:
        new_item = list(item) + [pad_token_id]
        padded = new_item + [pad_token_id] * (batch_max_length - len(new_item))
        inputs = torch.tensor(padded[:-1])
        targets = torch.tensor(padded[1:], dtype=torch.int32)
        targets[len(item):] = ignore_index
        if instruction_length > 1:
            targets[: instruction_length - 1] = ignore_index
        if allowed_max_length is not None:
            inputs = inputs[:allowed_max_length]
            targets = targets[:allowed_max_length]
        inputs_lst.append(inputs)
        targets_lst.append(targets)
    return torch.stack(inputs_lst).to(device), torch.stack(targets_lst).to(device)
