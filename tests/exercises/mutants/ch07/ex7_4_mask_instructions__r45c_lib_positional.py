# MUTANT: the library collate called by position, allowed_max_length and ignore_index swapped
from llmscratch.instruction import custom_collate_fn

EXPECTED_CAUSE = "the value of your allowed_max_length"


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    items = [list(ids) for _, ids in batch]
    inputs, targets = custom_collate_fn(items, pad_token_id, allowed_max_length, ignore_index,
                                        device)
    for row, (instruction_length, _) in enumerate(batch):
        if instruction_length > 1:
            targets[row, : instruction_length - 1] = ignore_index
    return inputs, targets
