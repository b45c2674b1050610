# MUTANT: reshape(batch, -1, num_tokens, head_dim) cannot infer -1 when kv holds no tokens (an empty
#   cache), so it raises instead of returning an empty result
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    return kv[:, :, None].expand(b, g, group_size, t, d).reshape(b, -1, t, d)
EXPECTED_CAUSE = "cannot infer that size"
