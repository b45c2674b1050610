# MUTANT: every row is masked with the shortest prompt length of the batch (one slice for all rows)
from llmscratch.instruction import custom_collate_fn


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    inputs, targets = custom_collate_fn([ids for _, ids in batch], pad_token_id=pad_token_id,
                                        ignore_index=ignore_index,
                                        allowed_max_length=allowed_max_length, device=device)
    n_prompt = min(n for n, _ in batch)
    if n_prompt > 1:
        targets[:, : n_prompt - 1] = ignore_index
    return inputs, targets


EXPECTED_CAUSE = "masked with the shortest prompt of the batch"
