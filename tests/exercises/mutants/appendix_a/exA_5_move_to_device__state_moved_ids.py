# MUTANT: a global set of moved models' ids; a model is never moved twice
EXPECTED_CAUSE = "keeps state between calls"
_moved = set()


def move_to_device(model, features, labels, device):
    if id(model) not in _moved:
        model = model.to(device)
        _moved.add(id(model))
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels
