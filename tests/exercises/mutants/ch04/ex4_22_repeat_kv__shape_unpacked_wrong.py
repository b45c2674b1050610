# MUTANT: kv.shape unpacked as (batch, tokens, heads, head_dim), the result reshaped to those
import torch


def repeat_kv(kv, group_size):
    batch, num_tokens, num_kv, head_dim = kv.shape
    out = torch.repeat_interleave(kv, group_size, dim=1)
    return out.reshape(batch, num_kv * group_size, num_tokens, head_dim)


EXPECTED_CAUSE = "kv.shape unpacked in another order"
