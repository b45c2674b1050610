# MUTANT: calls custom_collate_fn without ignore_index (the padding gets -100)
import torch

from llmscratch import custom_collate_fn


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    inputs, targets = custom_collate_fn([ids for _, ids in batch], pad_token_id=pad_token_id,
                                        allowed_max_length=allowed_max_length, device=device)
    for i, (n, _) in enumerate(batch):
        if n > 1:
            targets[i, : n - 1] = ignore_index
    return inputs, targets


EXPECTED_CAUSE = 'the padding targets are -100'
