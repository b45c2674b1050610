# MUTANT: a class attribute keeps the first call's device for every call
EXPECTED_CAUSE = "keeps state between calls"
class _Mover:
    device = None

    def __init__(self, device):
        if _Mover.device is None:
            _Mover.device = device

    def __call__(self, obj):
        return obj.to(self.device)


def move_to_device(model, features, labels, device):
    mover = _Mover(device)
    return mover(model), mover(features), mover(labels)
