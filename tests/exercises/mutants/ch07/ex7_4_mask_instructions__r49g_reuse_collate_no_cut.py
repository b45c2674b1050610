# MUTANT: the library's custom_collate_fn called without allowed_max_length (nor device)
from llmscratch.instruction import custom_collate_fn

EXPECTED_CAUSE = "allowed_max_length is ignored"


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    inputs, targets = custom_collate_fn([item for _, item in batch], pad_token_id, ignore_index)
    for i, (instruction_length, _) in enumerate(batch):
        if instruction_length > 1:
            targets[i, :instruction_length - 1] = ignore_index
    return inputs, targets
