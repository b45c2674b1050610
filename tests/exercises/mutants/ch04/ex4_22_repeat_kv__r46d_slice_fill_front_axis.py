# MUTANT: a loop fills each group's slice with kv[:, h].unsqueeze(0): the new axis goes in front,
# where broadcasting reads it as the batch (a crash unless batch is 1 or group_size)
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    out = kv.new_empty(b, g * group_size, t, d)
    for h in range(g):
        # kv[:, h] is (b, t, d); learner adds the new axis at the front
        out[:, h * group_size : (h + 1) * group_size] = kv[:, h].unsqueeze(0)
    return out


EXPECTED_CAUSE = "lands on the batch"
