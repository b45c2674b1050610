# MUTANT: heads collected in a mutable default list that is never cleared
import torch

EXPECTED_CAUSE = "your code keeps state between calls"


def repeat_kv(kv, group_size, _heads=[]):  # noqa: B006 - the mistake kept on purpose
    for g in range(kv.shape[1]):
        for _ in range(group_size):
            _heads.append(kv[:, g])
    return torch.stack(_heads, dim=1)
