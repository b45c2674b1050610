# Correct: group_size copies joined along the tokens, then viewed as heads (copy j of head g)
import torch


def repeat_kv(kv, group_size):
    b, g, n, d = kv.shape
    return torch.cat([kv] * group_size, dim=2).view(b, g * group_size, n, d)
