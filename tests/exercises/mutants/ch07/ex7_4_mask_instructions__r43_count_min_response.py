# MUTANT: the prompt mask counts min(instruction_length, len(ids) - instruction_length) targets
from llmscratch.instruction import custom_collate_fn


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    inputs, targets = custom_collate_fn([ids for _, ids in batch], pad_token_id=pad_token_id,
                                        ignore_index=ignore_index,
                                        allowed_max_length=allowed_max_length, device=device)
    for row, (n_prompt, ids) in enumerate(batch):
        stop = min(n_prompt, len(ids) - n_prompt)
        if stop > 0:
            targets[row, :stop] = ignore_index
    return inputs, targets


EXPECTED_CAUSE = "each row's masked leading targets: yours [2, 1, 1], expected [2, 0, 1]"
