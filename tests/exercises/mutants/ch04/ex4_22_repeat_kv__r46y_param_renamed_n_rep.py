# MUTANT: group_size renamed n_rep (Llama's repeat_kv), so repeat_kv(kv, group_size=2) fails
import torch

EXPECTED_CAUSE = "keep the parameter names of the docstring"


def repeat_kv(kv, n_rep):
    # Llama's name for the repeat count
    return torch.repeat_interleave(kv, n_rep, dim=1)
