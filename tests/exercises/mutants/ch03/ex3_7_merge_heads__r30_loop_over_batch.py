# MUTANT: heads joined in a loop over range(context_vec.shape[0]), the batch size, instead of
# the head count
import torch

EXPECTED_CAUSE = "as many as the batch size b = 2"


def merge_heads(context_vec):
    return torch.cat([context_vec[:, h] for h in range(context_vec.shape[0])], dim=-1)
