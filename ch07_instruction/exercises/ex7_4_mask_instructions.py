"""Exercise 7.4: leave the instruction out of the loss (the book's exercise 7.2).

This is book exercise 7.2.

Edit this file, then check it with ``python -m llmscratch check ch07``.
The answer is in ../solutions/ex7_4_mask_instructions.py (try first!).
"""

import torch


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    """Like ``custom_collate_fn``, but items are ``(instruction_length, token_ids)`` pairs and
    the targets that are prompt tokens are also set to ``ignore_index``.

    ``instruction_length`` counts the tokens of the prompt (instruction and input), which are
    the first tokens of ``token_ids``. Target ``t`` is token ``t + 1``, so the targets at
    positions ``0 .. instruction_length - 2`` are prompt tokens: mask exactly those (each item
    with its own length; the inputs stay unmasked). The rest (the response, the first
    end-of-text token, the -100 padding, dtype, row order, device, new tensors on every call)
    is as in ``custom_collate_fn``. Example: ``[(2, [1, 2, 3, 4])]`` gives inputs
    ``[[1, 2, 3, 4]]`` and targets ``[[-100, 3, 4, 50256]]``.
    """
    raise NotImplementedError("your code here")
