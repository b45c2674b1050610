# MUTANT: the feature columns swapped while moving (features[:, [1, 0]])
def move_to_device(model, features, labels, device):
    model = model.to(device)
    features = features.to(device)[:, [1, 0]]
    labels = labels.to(device)
    return model, features, labels


EXPECTED_CAUSE = 'along dim 1 (features) come in reverse order'
