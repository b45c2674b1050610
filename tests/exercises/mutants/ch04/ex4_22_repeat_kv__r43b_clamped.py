# MUTANT: the repeated heads clamped at +-2.5 (a fallback that names what the changed values share)
import torch


def repeat_kv(kv, group_size):
    return torch.repeat_interleave(kv, group_size, dim=1).clamp(-2.5, 2.5)

EXPECTED_CAUSE = "the values were clamped at +-2.5"
