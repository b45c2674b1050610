# MUTANT: transposed weights cached by name in a module-level dict
import torch

_transposed = {}


def transfer_v2_to_v1(sa_v2, sa_v1):
    with torch.no_grad():
        for name in ("W_query", "W_key", "W_value"):
            if name not in _transposed:
                _transposed[name] = getattr(sa_v2, name).weight.T.clone()
            getattr(sa_v1, name).copy_(_transposed[name])
    return sa_v1

EXPECTED_CAUSE = "your code keeps state between calls"
