# MUTANT: only floating-point tensors moved ("labels are just indices"), so integer labels stay
#   behind
import torch

EXPECTED_CAUSE = 'you forgot to move them'


def move_to_device(model, features, labels, device):
    model = model.to(device)
    moved = []
    for t in (features, labels):
        moved.append(t.to(device) if torch.is_floating_point(t) else t)
    return model, moved[0], moved[1]
