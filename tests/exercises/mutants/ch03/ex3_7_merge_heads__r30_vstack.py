# MUTANT: torch.vstack of the heads: joined along dim 0 (the batch) instead of the features
import torch

EXPECTED_CAUSE = "the heads are stacked along dim 0, the batch"


def merge_heads(context_vec):
    return torch.vstack(context_vec.unbind(1))
