# MUTANT: the heads are repeated with numpy (np.repeat on kv.numpy())
import numpy as np
import torch


def repeat_kv(kv, group_size):
    return torch.from_numpy(np.repeat(kv.numpy(), group_size, axis=1))


EXPECTED_CAUSE = "the heads went through numpy"
