"""Exercise 7.3: the collate function that pads, shifts and masks.

This exercise is ours; the book has no exercise on it.

Edit this file, then check it with ``python -m llmscratch check ch07``.
The answer is in ../solutions/ex7_3_collate.py (try first!).
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

    Both are ``torch.long`` (``cross_entropy`` refuses int32 targets), row ``i`` is item ``i``,
    the lists in ``batch`` are left unchanged (copy an item before appending to it), and every
    call returns new tensors (a DataLoader keeps earlier batches while it makes the next one).

    Example: ``[[1, 2, 3], [4, 5]]`` gives inputs ``[[1, 2, 3], [4, 5, 50256]]`` and targets
    ``[[2, 3, 50256], [5, 50256, -100]]``.
    """
    raise NotImplementedError("your code here")
