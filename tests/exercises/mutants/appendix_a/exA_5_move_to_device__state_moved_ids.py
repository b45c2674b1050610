# MUTANT: a global set of moved models' ids; a model is never moved twice (the models are kept
#   too, so an id is never reused by a later model and the mistake shows the same way every run)
EXPECTED_CAUSE = "keeps state between calls"
_moved = set()
_models = []


def move_to_device(model, features, labels, device):
    if id(model) not in _moved:
        model = model.to(device)
        _moved.add(id(model))
        _models.append(model)
    features = features.to(device)
    labels = labels.to(device)
    return model, features, labels
