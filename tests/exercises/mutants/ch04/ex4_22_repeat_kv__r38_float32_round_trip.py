# MUTANT: the heads go through float32 and back (.float() ... .to(kv.dtype)), losing precision
import torch


def repeat_kv(kv, group_size):
    return torch.repeat_interleave(kv.float(), group_size, dim=1).to(kv.dtype)


EXPECTED_CAUSE = "the heads went through float32 and back"
