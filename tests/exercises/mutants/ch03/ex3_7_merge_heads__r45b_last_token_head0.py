# MUTANT: the last token's vector built from head 0 alone, repeated num_heads times
import torch

EXPECTED_CAUSE = "token 4's slot for head 1 holds head 0's vector"


def merge_heads(context_vec):
    b, h, t, hd = context_vec.shape
    rows = [torch.cat([context_vec[:, k, j] for k in range(h)], dim=-1) for j in range(t - 1)]
    rows.append(context_vec[:, 0, t - 1].repeat(1, h))
    return torch.stack(rows, dim=1)
