# MUTANT: torch.split(context_vec, 1, dim=1) then cat on the last dim keeps the size-1 head
# dimension: (b, 1, num_tokens, d_out)
import torch


def merge_heads(context_vec):
    return torch.cat(torch.split(context_vec, 1, dim=1), dim=-1)


EXPECTED_CAUSE = "keep a heads dimension of size 1"
