# Correct: hand the (instruction_length, token_ids) pairs to the library's custom_collate_fn,
# which masks the prompt targets of tuple items itself
from llmscratch.instruction import custom_collate_fn


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    return custom_collate_fn([tuple(pair) for pair in batch], pad_token_id=pad_token_id,
                             ignore_index=ignore_index, allowed_max_length=allowed_max_length,
                             device=device)
