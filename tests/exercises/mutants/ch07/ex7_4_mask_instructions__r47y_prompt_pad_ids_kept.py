# MUTANT: the prompt masked only where the target is not pad_token_id (to spare the
# end-of-text), so a prompt token equal to the pad id stays in the loss
import torch

from llmscratch.instruction import custom_collate_fn

EXPECTED_CAUSE = "prompt targets that equal pad_token_id are left unmasked"


def custom_collate_with_masking(batch, pad_token_id=50256, ignore_index=-100,
                                allowed_max_length=None, device="cpu"):
    lengths = torch.tensor([length for length, _ in batch])
    inputs, targets = custom_collate_fn([ids for _, ids in batch], pad_token_id=pad_token_id,
                                        ignore_index=ignore_index,
                                        allowed_max_length=allowed_max_length, device=device)
    positions = torch.arange(targets.shape[1], device=device)
    mask = positions[None, :] < (lengths.to(device)[:, None] - 1)
    targets = targets.masked_fill(mask & (targets != pad_token_id), ignore_index)
    return inputs, targets
