# MUTANT: torch.stack of the heads on the last dimension instead of torch.cat (a new 4-D
# dimension, not a longer one); no known mistake matches: the fallback reads the shape's sizes
import torch

EXPECTED_CAUSE = "your shape reads as (b, num_tokens, head_dim, num_heads)"


def merge_heads(context_vec):
    return torch.stack(context_vec.unbind(1), dim=-1)
