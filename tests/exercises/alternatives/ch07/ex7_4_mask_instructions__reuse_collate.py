# Correct: reuse llmscratch.custom_collate_fn for padding/shift/cut, then mask each row's prompt
from llmscratch import custom_collate_fn


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    inputs, targets = custom_collate_fn([ids for _, ids in batch], pad_token_id=pad_token_id,
                                        ignore_index=ignore_index,
                                        allowed_max_length=allowed_max_length, device=device)
    for row, (instruction_length, _) in enumerate(batch):
        if instruction_length > 1:
            targets[row, : instruction_length - 1] = ignore_index
    return inputs, targets
