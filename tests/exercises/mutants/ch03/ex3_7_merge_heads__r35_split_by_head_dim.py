# MUTANT: torch.split(context_vec, head_dim, dim=1): chunks of head_dim heads
import torch


def merge_heads(context_vec):
    head_dim = context_vec.shape[-1]
    return torch.cat(torch.split(context_vec, head_dim, dim=1), dim=-1).squeeze(1)

EXPECTED_CAUSE = "torch.split(context_vec, head_dim, dim=1)"
